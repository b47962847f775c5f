package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Standardizer;

import io.sparkrnn.core.stats.Mergeable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;

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
                                 ClassIndex classes, Standardizer[] scaler, Map<String, Long> trainCounts) {
        String majority = trainCounts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(e -> -classes.index(e.getKey())))
                .map(Map.Entry::getKey).orElseThrow();
        int features = scaler.length;
        Centroids sums = train.aggregate(new Centroids(classes.size(), features), new AddToCentroid(classes, scaler),
                Centroids::merge);
        Hits hits = test.map(new Score(classes, scaler, majority, sums.means())).fold(new Hits(0, 0, 0), Hits::merge);
        return new Result(majority, hits.majority() / (double) hits.sequences(),
                hits.centroid() / (double) hits.sequences());
    }

    /** The time average of a sequence's scaled features. */
    static double[] mean(LabelledSequence s, Standardizer[] scaler) {
        double[] m = new double[scaler.length];
        for (float[] step : s.steps()) {
            for (int c = 0; c < m.length; c++) {
                m[c] += (float) scaler[c].scale(step[c]);
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

    /** Per-class sums of the averaged features. */
    public static final class Centroids implements Mergeable<Centroids>, Serializable {
        private static final long serialVersionUID = 1L;
        private final double[][] sums;
        private final long[] counts;

        public Centroids(int classes, int features) {
            sums = new double[classes][features];
            counts = new long[classes];
        }

        public Centroids add(int k, double[] x) {
            counts[k]++;
            for (int c = 0; c < x.length; c++) {
                sums[k][c] += x[c];
            }
            return this;
        }

        @Override
        public Centroids merge(Centroids o) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] += o.counts[k];
                for (int c = 0; c < sums[k].length; c++) {
                    sums[k][c] += o.sums[k][c];
                }
            }
            return this;
        }

        public double[][] means() {
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

    /** Test sequences and how many each baseline got right. */
    public record Hits(long sequences, long majority, long centroid) implements Mergeable<Hits>, Serializable {
        @Override
        public Hits merge(Hits o) {
            return new Hits(sequences + o.sequences, majority + o.majority, centroid + o.centroid);
        }
    }

    /** Adds a training sequence's averaged, scaled features to its class. */
    record AddToCentroid(ClassIndex classes, Standardizer[] scaler)
            implements Function2<Centroids, LabelledSequence, Centroids> {
        @Override
        public Centroids call(Centroids c, LabelledSequence s) {
            return c.add(classes.index(s.label()), mean(s, scaler));
        }
    }

    /** Whether each baseline classifies a test sequence right. */
    record Score(ClassIndex classes, Standardizer[] scaler, String majority, double[][] centroids)
            implements Function<LabelledSequence, Hits> {
        @Override
        public Hits call(LabelledSequence s) {
            boolean centroid = nearest(centroids, mean(s, scaler)) == classes.index(s.label());
            return new Hits(1, s.label().equals(majority) ? 1 : 0, centroid ? 1 : 0);
        }
    }
}
