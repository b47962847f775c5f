package io.sparkrnn.forecast;

import java.util.Arrays;
import java.util.Locale;

/**
 * The simple forecasts every analyst compares a model with, computed from a series' history up
 * to a forecast origin only. Each returns the forecasts for steps 1..H after the last value of
 * {@code history}. A model that does not beat these has learned nothing worth its cost; daily
 * prices in particular are close to a random walk, for which the naive forecast is optimal.
 */
public enum BaselineForecasts {
    /** The last value: y(T+h) = y(T). */
    NAIVE,
    /** The value one season earlier: y(T+h) = y(T+h-m*k), k the smallest number of seasons reaching the past. */
    SEASONAL_NAIVE,
    /** The line from the first to the last value, extended: y(T+h) = y(T) + h (y(T) - y(1)) / (T - 1). */
    DRIFT,
    /** The mean of the whole history. */
    MEAN,
    /** The mean of the last {@code window} values. */
    MOVING_AVERAGE;

    /** The name used in metrics.json and the report. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param history the series up to and including the origin, oldest first (at least one value)
     * @param horizon number of steps H to forecast
     * @param season  the seasonal period m (seasonal naive only; 1 = the naive forecast)
     * @param window  the moving average's window (moving average only; capped at the history)
     */
    public double[] forecast(double[] history, int horizon, int season, int window) {
        int n = history.length;
        if (n == 0) {
            throw new IllegalArgumentException("no history to forecast from");
        }
        if (horizon < 1 || season < 1 || window < 1) {
            throw new IllegalArgumentException("horizon, season and window must be at least 1");
        }
        double last = history[n - 1];
        double[] f = new double[horizon];
        switch (this) {
            case NAIVE -> Arrays.fill(f, last);
            case SEASONAL_NAIVE -> {
                if (n < season) {
                    throw new IllegalArgumentException("seasonal naive needs a full season of history: "
                            + n + " values, season " + season);
                }
                for (int h = 1; h <= horizon; h++) {
                    int seasonsBack = (h - 1) / season + 1;
                    f[h - 1] = history[n - 1 + h - seasonsBack * season];
                }
            }
            case DRIFT -> {
                double slope = n > 1 ? (last - history[0]) / (n - 1) : 0;
                for (int h = 1; h <= horizon; h++) {
                    f[h - 1] = last + h * slope;
                }
            }
            case MEAN -> Arrays.fill(f, mean(history, 0, n));
            case MOVING_AVERAGE -> Arrays.fill(f, mean(history, Math.max(0, n - window), n));
            default -> throw new IllegalStateException(name());
        }
        return f;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
