/**
 * The sequence-classification task (many-to-one): labelled sequences, class numbering, masked
 * minibatches, predictions, baselines and its report.
 * Uses core and nn, never another task.
 */
package io.sparkrnn.classify;
