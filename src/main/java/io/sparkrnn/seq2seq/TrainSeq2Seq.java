package io.sparkrnn.seq2seq;

import io.sparkrnn.core.job.JobCli;

/** {@code jobs/train-seq2seq.sh}: the sequence-to-sequence job on the command line ({@link JobCli}). */
public final class TrainSeq2Seq {
    private TrainSeq2Seq() {
    }

    public static void main(String[] args) {
        System.exit(JobCli.execute(new Seq2SeqJob(), args));
    }
}
