package io.sparkrnn.lm;

import io.sparkrnn.core.job.JobCli;

/**
 * Entry point of the language-model job ({@code jobs/train-lm.sh}, or {@code spark-submit
 * --class io.sparkrnn.lm.TrainLanguageModel}); the command line is the skeleton's
 * ({@link JobCli}).
 */
public final class TrainLanguageModel {
    private TrainLanguageModel() {
    }

    public static void main(String[] args) {
        System.exit(JobCli.execute(new LanguageModelJob(), args));
    }
}
