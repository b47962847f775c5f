package io.sparkrnn.forecast;

import java.io.Serializable;

/**
 * Standardisation of one series, fitted on its values up to a forecast origin only: a scaler
 * that had seen later values would leak the future into the backtest. Saved with the model so
 * forecasts are unscaled with exactly what training used.
 */
public record Scaler(double mean, double std) implements Serializable {
    /** Below this spread a series is treated as constant (scaled by 1). */
    static final double MIN_STD = 1e-12;

    /** Fits on {@code values[0, end)}. */
    public static Scaler fit(double[] values, int end) {
        if (end < 1 || end > values.length) {
            throw new IllegalArgumentException("cannot fit a scaler on the first " + end + " of "
                    + values.length + " values");
        }
        double sum = 0;
        for (int i = 0; i < end; i++) {
            sum += values[i];
        }
        double mean = sum / end;
        double sq = 0;
        for (int i = 0; i < end; i++) {
            sq += (values[i] - mean) * (values[i] - mean);
        }
        double std = Math.sqrt(sq / end);
        return new Scaler(mean, std < MIN_STD ? 1 : std);
    }

    public double scale(double v) {
        return (v - mean) / std;
    }

    public double unscale(double v) {
        return v * std + mean;
    }

    public double[] scale(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = scale(v[i]);
        }
        return out;
    }

    public double[] unscale(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = unscale(v[i]);
        }
        return out;
    }
}
