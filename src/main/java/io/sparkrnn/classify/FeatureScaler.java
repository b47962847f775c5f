package io.sparkrnn.classify;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Per-feature mean and standard deviation of the training steps, applied to every sequence
 * the model sees (training, test, and later prediction), so features on different scales reach
 * the recurrent layer on one scale. Built by summing {@link Moments} over the executors.
 */
public record FeatureScaler(double[] mean, double[] std) implements Serializable {

    /** The scaler that leaves values as they are ({@code data.standardize = false}). */
    public static FeatureScaler identity(int features) {
        double[] zero = new double[features];
        double[] one = new double[features];
        Arrays.fill(one, 1);
        return new FeatureScaler(zero, one);
    }

    public float scale(int feature, float value) {
        return (float) ((value - mean[feature]) / std[feature]);
    }

    public List<Double> means() {
        return Arrays.stream(mean).boxed().toList();
    }

    public List<Double> deviations() {
        return Arrays.stream(std).boxed().toList();
    }

    /** Count, sum and sum of squares per feature; mergeable. */
    public static final class Moments implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        final double[] sum;
        final double[] squares;

        public Moments(int features) {
            sum = new double[features];
            squares = new double[features];
        }

        public Moments add(LabelledSequence s) {
            for (float[] step : s.steps()) {
                count++;
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += step[c];
                    squares[c] += (double) step[c] * step[c];
                }
            }
            return this;
        }

        public Moments merge(Moments o) {
            count += o.count;
            for (int c = 0; c < sum.length; c++) {
                sum[c] += o.sum[c];
                squares[c] += o.squares[c];
            }
            return this;
        }

        /** The scaler; a constant feature keeps spread 1, so it becomes 0 rather than a division by zero. */
        public FeatureScaler scaler() {
            double[] mean = new double[sum.length];
            double[] std = new double[sum.length];
            for (int c = 0; c < sum.length; c++) {
                mean[c] = count == 0 ? 0 : sum[c] / count;
                double var = count == 0 ? 0 : squares[c] / count - mean[c] * mean[c];
                std[c] = var > 1e-12 ? Math.sqrt(var) : 1;
            }
            return new FeatureScaler(mean, std);
        }
    }
}
