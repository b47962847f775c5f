/**
 * The recurrent layers (LSTM, GRU, Elman) with their single-precision fast paths, their initialisers
 * and recurrent weight drop, and what every network is built from.
 * Uses core.config only.
 */
package io.sparkrnn.nn;
