/**
 * The sequence-to-sequence task on text, the lecture's encoder-decoder: pairs of a source and a
 * target token sequence of different lengths (a word's spelling and its pronunciation in the
 * CMU Pronouncing Dictionary), read from any Hadoop URI or the classpath, split by headword,
 * trained with teacher forcing and parameter averaging, decoded greedily and by beam search on
 * the executors, and scored by word and token error rates against the nearest training
 * spelling. Uses core and nn, never another task.
 */
package io.sparkrnn.seq2seq;
