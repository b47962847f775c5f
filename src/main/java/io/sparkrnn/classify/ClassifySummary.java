package io.sparkrnn.classify;

import org.nd4j.evaluation.classification.Evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a classification run reports, gathered by the job and rendered by
 * {@link ClassifyReport} (report.html) and {@link ClassifyJson} (metrics.json, run.json).
 *
 * @param test          DL4J's evaluation of the final model on the test sequences
 * @param testNats      mean cross-entropy of the test sequences' true classes
 * @param trainAccuracy the final model's accuracy on the training sequences (for over-fitting)
 */
public record ClassifySummary(ClassifyConfig config, String configText, Side train, Side test,
                              List<String> classes, List<String> featureColumns, Map<String, Long> trainCounts,
                              Map<String, Long> testCounts, ClassBaselines.Result baselines, List<EpochPoint> epochs,
                              Evaluation evaluation, double testNats, double trainAccuracy, long parameters,
                              double trainingSeconds, boolean stoppedByLimit, Map<String, Double> phases,
                              Instant started, Instant finished, Map<String, String> versions,
                              Map<String, String> spark, int workers) {

    /** What one side's input held and what became of it. */
    public record Side(String key, List<String> files, long bytes, long rows, long rejectedRows, String rejectedPath,
                       long sequences, long usable, List<String> refusedExamples, long truncated, int minLength,
                       double meanLength, int maxLength) {
        public long refused() {
            return sequences - usable;
        }
    }

    /** One epoch of training: its training loss, and the test scores when they were measured (else NaN). */
    public record EpochPoint(int epoch, double trainLoss, double testAccuracy, double testNats) {
    }

    public double wallSeconds() {
        return Duration.between(started, finished).toMillis() / 1000.0;
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
