package io.sparkrnn.core.stats;

import java.io.Serializable;

/**
 * The one scaler of the project: a value's standardisation with a mean and a standard
 * deviation, fitted on training data only (a series up to a forecast origin, a classifier's
 * training steps) and saved with the model, so that what the network sees later is scaled
 * exactly as in training. Every column of a table gets its own; {@link Moments} fits them,
 * merged across Spark partitions.
 */
public record Standardizer(double mean, double std) implements Serializable {
    /** Below this variance a column is treated as constant: shifted to 0, not divided. */
    public static final double MIN_VARIANCE = 1e-12;
    /** The scaler that leaves values as they are. */
    public static final Standardizer IDENTITY = new Standardizer(0, 1);

    /**
     * Fits on {@code values[0, end)}, in two passes (the mean, then the squared deviations from
     * it): values held in one array need no merging, and two passes are the most accurate.
     *
     * @throws IllegalArgumentException when that range is empty or too long
     */
    public static Standardizer fit(double[] values, int end) {
        if (end < 1 || end > values.length) {
            throw new IllegalArgumentException("cannot fit a scaler on the first " + end + " of "
                    + values.length + " values");
        }
        double sum = 0;
        for (int i = 0; i < end; i++) {
            sum += values[i];
        }
        double mean = sum / end;
        double squares = 0;
        for (int i = 0; i < end; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        return of(mean, squares / end);
    }

    /** The scaler of a mean and a population variance; a constant column keeps spread 1. */
    static Standardizer of(double mean, double variance) {
        return new Standardizer(mean, variance > MIN_VARIANCE ? Math.sqrt(variance) : 1);
    }

    /** One scaler per column, each leaving values as they are. */
    public static Standardizer[] identity(int columns) {
        Standardizer[] out = new Standardizer[columns];
        java.util.Arrays.fill(out, IDENTITY);
        return out;
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
