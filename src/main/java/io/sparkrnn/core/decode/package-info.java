/**
 * Decoding a token sequence from a stateful step model, shared by every task that generates
 * text from a recurrent decoder (captions from images, pronunciations from spellings): beam
 * search with length normalisation, of which greedy decoding is width 1. Free of ND4J: a task
 * adapts its network to {@link io.sparkrnn.core.decode.StepModel}.
 */
package io.sparkrnn.core.decode;
