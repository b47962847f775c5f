package io.sparkrnn.classify;

import org.apache.spark.api.java.function.Function2;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Folds of predictions into scores on the executors: DL4J's {@link Evaluation} (accuracy,
 * per-class precision, recall, F1 and the confusion matrix, mergeable across partitions), and
 * plain sums for the per-epoch learning curve.
 */
public final class ScoreFunctions {
    private ScoreFunctions() {
    }

    public static final class EvaluatePredictions implements Function2<Evaluation, Prediction, Evaluation> {
        private static final long serialVersionUID = 1L;

        @Override
        public Evaluation call(Evaluation e, Prediction p) {
            e.eval(p.predicted(), p.actual());
            return e;
        }
    }

    public static final class MergeEvaluations implements Function2<Evaluation, Evaluation, Evaluation> {
        private static final long serialVersionUID = 1L;

        @Override
        public Evaluation call(Evaluation a, Evaluation b) {
            a.merge(b);
            return a;
        }
    }

    /** Adds a prediction to {count, correct, nats}. */
    public static final class SumScores implements Function2<double[], Prediction, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] call(double[] sums, Prediction p) {
            sums[0]++;
            sums[1] += p.correct() ? 1 : 0;
            sums[2] += p.nats();
            return sums;
        }
    }

    public static final class AddScores implements Function2<double[], double[], double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] call(double[] a, double[] b) {
            return new double[]{a[0] + b[0], a[1] + b[1], a[2] + b[2]};
        }
    }
}
