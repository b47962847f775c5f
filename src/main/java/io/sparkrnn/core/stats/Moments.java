package io.sparkrnn.core.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Count, mean and sum of squared deviations of each column of a stream of rows, updated one
 * row at a time (Welford) and merged across Spark partitions with the pairwise formula of Chan,
 * Golub and LeVeque, so the result is as accurate as two passes over the data and does not
 * depend on how Spark splits it. Gives each column's {@link Standardizer} (an array held in one
 * place is fitted in two passes by {@link Standardizer#fit}).
 */
public final class Moments implements Mergeable<Moments>, Serializable {
    private static final long serialVersionUID = 1L;
    private long count;
    private final double[] mean;
    private final double[] m2;

    public Moments(int columns) {
        mean = new double[columns];
        m2 = new double[columns];
    }

    /** Adds a one-column value. */
    public Moments add(double value) {
        count++;
        update(0, value);
        return this;
    }

    /** Adds a row of every column. */
    public Moments add(float[] row) {
        count++;
        for (int c = 0; c < mean.length; c++) {
            update(c, row[c]);
        }
        return this;
    }

    private void update(int c, double v) {
        double delta = v - mean[c];
        mean[c] += delta / count;
        m2[c] += delta * (v - mean[c]);
    }

    @Override
    public Moments merge(Moments o) {
        if (o.count == 0) {
            return this;
        }
        long n = count + o.count;
        for (int c = 0; c < mean.length; c++) {
            double delta = o.mean[c] - mean[c];
            m2[c] += o.m2[c] + delta * delta * count * o.count / n;
            mean[c] += delta * o.count / n;
        }
        count = n;
        return this;
    }

    public long count() {
        return count;
    }

    /** The mean of column {@code c} (0 before any row). */
    public double mean(int c) {
        return mean[c];
    }

    /** The population variance of column {@code c} (0 before any row). */
    public double variance(int c) {
        return count == 0 ? 0 : m2[c] / count;
    }

    /** Each column's scaler; a constant column keeps spread 1, so it becomes 0 rather than a division by zero. */
    public Standardizer[] standardizers() {
        Standardizer[] out = new Standardizer[mean.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = Standardizer.of(mean[c], variance(c));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Moments(n=" + count + ", mean=" + Arrays.toString(mean) + ")";
    }
}
