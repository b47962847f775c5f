package io.sparkrnn.nn;

/**
 * The recurrent cell of every layer of a network: long short-term memory, the Elman simple
 * RNN, or the gated recurrent unit. One enumeration for every job and tool, so that a cell
 * named in any configuration means the same layer everywhere.
 */
public enum Cell { LSTM, RNN, GRU }
