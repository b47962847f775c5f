package io.sparkrnn.classify;

import io.sparkrnn.core.job.JobCli;

/**
 * Entry point of the sequence-classification job ({@code jobs/train-classify.sh}, or
 * {@code spark-submit --class io.sparkrnn.classify.TrainClassifier}); the command line is the
 * skeleton's ({@link JobCli}).
 */
public final class TrainClassifier {
    private TrainClassifier() {
    }

    public static void main(String[] args) {
        System.exit(JobCli.execute(new ClassifyJob(), args));
    }
}
