package io.sparkrnn.classify;

import org.nd4j.evaluation.classification.Evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a classification run reports, gathered by the job and rendered by
 * {@link ClassifyReport} (report.html) and {@link ClassifyJson} (metrics.json, run.json).
 *
 * @param test          DL4J's evaluation of the final model on the test sequences
 * @param testNats      mean cross-entropy of the test sequences' true classes
 * @param trainAccuracy the final model's accuracy on the training sequences (for over-fitting)
 */
public record ClassifySummary(ClassifyConfig config, Side train, Side test, List<String> classes,
                              List<String> featureColumns, Map<String, Long> trainCounts, Map<String, Long> testCounts,
                              ClassBaselines.Result baselines, List<EpochPoint> epochs, Evaluation evaluation,
                              double testNats, double trainAccuracy, long parameters, double trainingSeconds,
                              boolean stoppedByLimit, int workers, String resumedFrom) {

    /**
     * What one side's input held and what became of it.
     *
     * @param rejected rejected rows by kind
     * @param skipped  lines that are not rows, by kind (blank lines, header lines)
     */
    public record Side(String key, List<String> files, long bytes, long rows, Map<String, Long> rejected,
                       String rejectedPath, Map<String, Long> skipped, long sequences, long usable,
                       List<String> refusedExamples, long truncated, int minLength, double meanLength, int maxLength) {
        public long refused() {
            return sequences - usable;
        }

        public long rejectedRows() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One epoch of training: its training loss, and the test scores when they were measured (else NaN). */
    public record EpochPoint(int epoch, double trainLoss, double testAccuracy, double testNats) {
    }

    /** What the run achieved, in one line. */
    public String outcome() {
        return String.format(Locale.ROOT, "test accuracy %.4f (macro F1 %.4f) on %d sequences; baselines: majority "
                        + "class %.4f, nearest centroid %.4f", accuracy(), macroF1(), test.usable(),
                baselines.majorityAccuracy(), baselines.centroidAccuracy());
    }

    public double accuracy() {
        return evaluation.accuracy();
    }

    /** Unweighted mean of the per-class F1 scores (classes with no test sequence left out). */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < classes.size(); k++) {
            if (testCounts.getOrDefault(classes.get(k), 0L) > 0) {
                sum += evaluation.f1(k);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
