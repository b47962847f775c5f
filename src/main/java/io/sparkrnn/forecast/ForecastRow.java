package io.sparkrnn.forecast;

import java.io.Serializable;

/**
 * One forecast of the backtest: a series, a fold's origin and a step ahead, with the actual
 * value, the model's forecast and every baseline's on the original scale, plus what MASE and
 * the directional measures need (the value at the origin and the history's scale). {@code direct} is
 * the direct-strategy network's forecast when the model is the encoder-decoder (NaN otherwise).
 */
public record ForecastRow(String series, int fold, long originDay, long targetDay, int horizon, double actual,
                          double originValue, double scale, double model, double direct, double naive, double seasonalNaive,
                          double drift, double mean, double movingAverage) implements Serializable {

    /** Predictor names in metrics.json and the report, in the order of {@link #forecasts()}. */
    public static final String[] PREDICTORS = {"model", "direct", "naive", "seasonal_naive", "drift", "mean",
        "moving_average"};

    public double[] forecasts() {
        return new double[]{model, direct, naive, seasonalNaive, drift, mean, movingAverage};
    }
}
