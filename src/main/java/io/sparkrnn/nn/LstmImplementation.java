package io.sparkrnn.nn;

/**
 * Which layer computes {@code cell = lstm}: the project's fused layer (same cell and
 * parameters, a few large matrix products per sequence) or DL4J's own LSTM layer. A model
 * trained with one loads into the other.
 */
public enum LstmImplementation { FUSED, DL4J }
