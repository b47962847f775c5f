/**
 * The forecasting task (many-to-one and encoder-decoder over many series): series assembly, walk-
 * forward backtest, baselines, error measures, the forecast tool.
 * Uses core and nn, never another task.
 */
package io.sparkrnn.forecast;
