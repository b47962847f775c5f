/**
 * The image-captioning task (a convolutional encoder feeding a recurrent decoder): images and
 * captions read on Spark, the caption vocabulary, the CNN+RNN graph, greedy and beam decoding,
 * BLEU against its baselines; and the tools that make its real data sets in the layout its job
 * reads (emoji with their Unicode names, scenes of two Fashion-MNIST items).
 * Uses core and nn, never another task.
 */
package io.sparkrnn.caption;
