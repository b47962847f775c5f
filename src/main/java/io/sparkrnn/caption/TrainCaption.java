package io.sparkrnn.caption;

import io.sparkrnn.core.job.JobCli;

/** {@code jobs/train-caption.sh}: the captioning job on the command line ({@link JobCli}). */
public final class TrainCaption {
    private TrainCaption() {
    }

    public static void main(String[] args) {
        System.exit(JobCli.execute(new CaptionJob(), args));
    }
}
