package io.sparkrnn.classify;

import org.apache.spark.api.java.JavaRDD;

import java.io.Serializable;
import java.util.Map;

/**
 * What a classifier must beat, measured on the same test sequences: always answering the most
 * frequent training class, and the nearest class centroid of the sequences' time-averaged,
 * scaled features (a model that sees the values but not their order). A recurrent model that
 * does not beat the centroid has not used the order of the steps.
 */
public final class ClassBaselines {
    private ClassBaselines() {
    }

    /** The baselines' test accuracies. */
    public record Result(String majorityLabel, double majorityAccuracy, double centroidAccuracy)
            implements Serializable {
    }

    public static Result compute(JavaRDD<LabelledSequence> train, JavaRDD<LabelledSequence> test,
                                 ClassIndex classes, FeatureScaler scaler, Map<String, Long> trainCounts) {
        String majority = trainCounts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(e -> -classes.index(e.getKey())))
                .map(Map.Entry::getKey).orElseThrow();
        int features = scaler.mean().length;
        Centroids sums = train.aggregate(new Centroids(classes.size(), features),
                (c, s) -> c.add(classes.index(s.label()), mean(s, scaler)), Centroids::merge);
        double[][] centroids = sums.means();
        long[] counts = test.aggregate(new long[3], (acc, s) -> {
            int actual = classes.index(s.label());
            acc[0]++;
            if (s.label().equals(majority)) {
                acc[1]++;
            }
            if (nearest(centroids, mean(s, scaler)) == actual) {
                acc[2]++;
            }
            return acc;
        }, (a, b) -> new long[]{a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        return new Result(majority, counts[1] / (double) counts[0], counts[2] / (double) counts[0]);
    }

    /** The time average of a sequence's scaled features. */
    static double[] mean(LabelledSequence s, FeatureScaler scaler) {
        double[] m = new double[scaler.mean().length];
        for (float[] step : s.steps()) {
            for (int c = 0; c < m.length; c++) {
                m[c] += scaler.scale(c, step[c]);
            }
        }
        for (int c = 0; c < m.length; c++) {
            m[c] /= Math.max(1, s.length());
        }
        return m;
    }

    static int nearest(double[][] centroids, double[] x) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centroids.length; k++) {
            if (centroids[k] == null) {
                continue;
            }
            double d = 0;
            for (int c = 0; c < x.length; c++) {
                double diff = x[c] - centroids[k][c];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /** Per-class sums of the averaged features; mergeable. */
    static final class Centroids implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double[][] sums;
        private final long[] counts;

        Centroids(int classes, int features) {
            sums = new double[classes][features];
            counts = new long[classes];
        }

        Centroids add(int k, double[] x) {
            counts[k]++;
            for (int c = 0; c < x.length; c++) {
                sums[k][c] += x[c];
            }
            return this;
        }

        Centroids merge(Centroids o) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] += o.counts[k];
                for (int c = 0; c < sums[k].length; c++) {
                    sums[k][c] += o.sums[k][c];
                }
            }
            return this;
        }

        double[][] means() {
            double[][] m = new double[counts.length][];
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] > 0) {
                    m[k] = new double[sums[k].length];
                    for (int c = 0; c < m[k].length; c++) {
                        m[k][c] = sums[k][c] / counts[k];
                    }
                }
            }
            return m;
        }
    }
}
