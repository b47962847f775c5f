package io.sparkrnn.forecast;

import java.util.Locale;

/**
 * How a series' values become what the network learns, and back. Prices and passenger counts
 * grow; a network fitted on levels sees values at forecast time it never saw in training.
 * Differences and log returns are closer to stationary; forecasts of them are turned back into
 * levels by accumulating from the last observed value, so every reported number is on the
 * original scale.
 */
public enum TargetTransform {
    /** The values as they are. */
    LEVEL,
    /** y(t) - y(t-1). */
    DIFFERENCE,
    /** ln(y(t) / y(t-1)); the series must be positive. */
    LOG_RETURN;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Values lost at the start: the transformed series has {@code n - lag()} values. */
    public int lag() {
        return this == LEVEL ? 0 : 1;
    }

    /**
     * The transformed series; value i corresponds to original time {@code i + lag()}.
     *
     * @throws IllegalArgumentException for a log return of a value that is not positive
     */
    public double[] apply(double[] y) {
        double[] out = new double[Math.max(0, y.length - lag())];
        for (int i = 0; i < out.length; i++) {
            out[i] = at(y, i + lag());
        }
        return out;
    }

    /**
     * Levels from forecasts of the transformed values for the steps after the origin.
     *
     * @param lastLevel the last observed original value, at the origin
     * @param forecasts transformed forecasts for steps 1..H
     */
    public double[] invert(double lastLevel, double[] forecasts) {
        double[] levels = new double[forecasts.length];
        double level = lastLevel;
        for (int h = 0; h < forecasts.length; h++) {
            level = switch (this) {
                case LEVEL -> forecasts[h];
                case DIFFERENCE -> level + forecasts[h];
                case LOG_RETURN -> level * Math.exp(forecasts[h]);
            };
            levels[h] = level;
        }
        return levels;
    }

    /**
     * The transformed value at original position {@code t} (at least {@link #lag()}).
     *
     * @throws IllegalArgumentException for a log return of a value that is not positive
     */
    public double at(double[] y, int t) {
        return switch (this) {
            case LEVEL -> y[t];
            case DIFFERENCE -> y[t] - y[t - 1];
            case LOG_RETURN -> {
                if (y[t] <= 0 || y[t - 1] <= 0) {
                    int bad = y[t - 1] <= 0 ? t - 1 : t;
                    throw new IllegalArgumentException("log-return needs positive values; value " + y[bad]
                            + " at position " + bad);
                }
                yield Math.log(y[t] / y[t - 1]);
            }
        };
    }
}
