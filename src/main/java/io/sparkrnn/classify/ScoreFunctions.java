package io.sparkrnn.classify;

import io.sparkrnn.core.stats.LossTotals;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Folds of predictions into scores on the executors: DL4J's {@link Evaluation} (accuracy,
 * per-class precision, recall, F1 and the confusion matrix, mergeable across partitions), and
 * loss totals for the per-epoch learning curve.
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

    /** A prediction as loss totals (one sequence, its nats, whether it was right), merged for the learning curve. */
    public static final class AsTotals implements Function<Prediction, LossTotals> {
        private static final long serialVersionUID = 1L;

        @Override
        public LossTotals call(Prediction p) {
            return LossTotals.of(p.nats(), p.correct());
        }
    }
}
