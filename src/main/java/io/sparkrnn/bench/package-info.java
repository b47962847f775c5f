/**
 * The throughput benchmark: one-process and Spark training rates, export rate, Kryo round trip and the
 * machine's matrix-product bound.
 * Uses core, nn and the language-model task.
 */
package io.sparkrnn.bench;
