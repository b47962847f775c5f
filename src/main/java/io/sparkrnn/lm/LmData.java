package io.sparkrnn.lm;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.job.Phases;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.train.TrainingState;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;

/**
 * The corpus after the pipeline: vocabulary, exported training and validation batches, the
 * n-gram baselines and the statistics of what was read. Built on Spark by {@link #prepare};
 * only per-partition numbers and the vocabulary reach the driver.
 */
record LmData(Vocabulary vocabulary, BatchFiles train, BatchFiles validation, Baselines baselines, CorpusStats stats) {
    private static final Logger LOG = LoggerFactory.getLogger(LmData.class);

    /**
     * Reads, splits and tokenises the corpus, builds the vocabulary, cuts and exports the windows
     * under the work folder and counts the baselines, each a phase of the job.
     *
     * @param trainPartitions the partitions the training windows are dealt to (0 = chosen here; a
     *                        resumed run passes its checkpoint's so it rebuilds the same files)
     */
    static LmData prepare(JobContext<LmConfig> job, int trainPartitions) throws IOException {
        LmConfig config = job.config();
        Phases phases = job.phases();
        try (CorpusPipeline pipeline = new CorpusPipeline(job.sc(), config.data(), job.storage())) {
            SplitPlan split = pipeline.read();
            pipeline.inputs().forEach(f -> job.input(f.path(), f.bytes()));
            LOG.info("Read {} file(s): {} characters in {} partitions; validation: the last {} characters",
                    pipeline.inputs().size(), String.format(Locale.ROOT, "%,d", split.total()), pipeline.partitions(),
                    String.format(Locale.ROOT, "%,d", split.size(Side.VALIDATION)));
            phases.end("read and scan");
            Vocabulary vocabulary = pipeline.buildVocabulary();
            phases.end("vocabulary and token counts");
            JavaRDD<Window> trainWindows = pipeline.windows(Side.TRAIN);
            JavaRDD<Window> validationWindows = pipeline.windows(Side.VALIDATION);
            int batch = config.training().batchSizePerWorker();
            long seed = config.training().seed();
            BatchFiles train = pipeline.export(trainWindows, Side.TRAIN, job.workDir() + "/train", batch, seed,
                    trainPartitions);
            BatchFiles validation = pipeline.export(validationWindows, Side.VALIDATION, job.workDir() + "/validation",
                    batch, seed, 0);
            phases.end("windows and export");
            Baselines baselines = NgramBaselines.compute(trainWindows, validationWindows, vocabulary.size());
            phases.end("baselines");
            CorpusStats stats = stats(pipeline, split, vocabulary, train, validation);
            LOG.info("Vocabulary {} tokens; {} training and {} validation windows of {} steps; baselines: "
                            + "unigram {} bigram {} nats/token", vocabulary.size(), train.examples(),
                    validation.examples(), train.sequenceLength(),
                    String.format(Locale.ROOT, "%.4f", baselines.unigramNats()),
                    String.format(Locale.ROOT, "%.4f", baselines.bigramNats()));
            return new LmData(vocabulary, train, validation, baselines, stats);
        }
    }

    private static CorpusStats stats(CorpusPipeline pipeline, SplitPlan split, Vocabulary vocabulary, BatchFiles train,
                                     BatchFiles validation) {
        long unknown = vocabulary.hasUnknown() ? vocabulary.count(vocabulary.id(Vocabulary.UNKNOWN)) : 0;
        CorpusStats stats = new CorpusStats(pipeline.inputs(), pipeline.partitions(), pipeline.lines(),
                split.total(), pipeline.replacementCharacters(), split.size(Side.TRAIN),
                split.size(Side.VALIDATION), pipeline.tokens(Side.TRAIN), pipeline.tokens(Side.VALIDATION),
                unknown, train.examples(), validation.examples(), train.files(), validation.files(),
                train.sequenceLength());
        if (stats.replacementCharacters() > 0) {
            LOG.warn("The corpus holds {} invalid UTF-8 byte sequence(s), read as U+FFFD; they are counted "
                    + "in run.json and the report", stats.replacementCharacters());
        }
        return stats;
    }

    /**
     * A checkpoint's position only means something over the same batch files: the resumed run
     * must have rebuilt the same vocabulary and the same export.
     *
     * @throws DataException naming the checkpoint and what differs
     */
    void checkSame(String checkpoint, String savedVocabulary, TrainingState saved) {
        String problem = null;
        if (!savedVocabulary.equals(vocabulary.toJson())) {
            problem = "the vocabulary built now differs from the checkpoint's";
        } else if (saved.files() != train.files() || saved.examples() != train.examples()) {
            problem = String.format(Locale.ROOT, "the checkpoint was trained on %,d windows in %,d batch files, "
                    + "the corpus now gives %,d in %,d", saved.examples(), saved.files(), train.examples(),
                    train.files());
        }
        if (problem != null) {
            throw new DataException("cannot resume from " + checkpoint + ": " + problem
                    + ". The input (data.input) must be the same files with the same content as when the run started");
        }
    }

    /** Validation tokens per validation character (1 at character level). */
    double validationTokensPerCharacter() {
        return (double) stats.validationTokens() / stats.validationCharacters();
    }
}
