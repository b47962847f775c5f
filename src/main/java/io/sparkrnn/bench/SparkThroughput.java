package io.sparkrnn.bench;

import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.lm.CorpusPipeline;
import io.sparkrnn.lm.Side;
import io.sparkrnn.lm.TokenBatchLoader;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.lm.ModelFactory;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.RoundStats;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spark measurements of {@code jobs/bench.sh}, on the project's own path: the corpus exported by
 * {@link CorpusPipeline} (token-id batch files) and trained by {@link Fit}
 * with DL4J's parameter averaging, exactly as the language-model job does.
 */
public final class SparkThroughput {
    private SparkThroughput() {
    }

    /** The export of the training text: how long it took and how large the batch files are. */
    public record Export(BatchFiles files, int vocabulary, long characters, double seconds, long bytes) {
        public double bytesPerCharacter() {
            return (double) bytes / characters;
        }
    }

    /** Throughput of the averaging rounds after the first (which warms up the workers). */
    public record Rate(String label, int workers, double charsPerSecond, double secondsPerRound, int rounds,
                       long parameters) {
    }

    public static Export export(JavaSparkContext sc, LmConfig config, Storage storage, String dir) throws IOException {
        try (CorpusPipeline pipeline = new CorpusPipeline(sc, config.data(), storage)) {
            pipeline.read();
            int vocabulary = pipeline.buildVocabulary().size();
            var windows = pipeline.windows(Side.TRAIN);
            windows.count();
            long start = System.nanoTime();
            BatchFiles files = pipeline.export(windows, Side.TRAIN, dir, config.training().batchSizePerWorker(),
                    config.training().seed(), 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = 0;
            for (FileStatus f : storage.expandInputs(dir)) {
                bytes += f.getLen();
            }
            long characters = files.examples() * files.sequenceLength();
            return new Export(files, vocabulary, characters, seconds, bytes);
        }
    }

    /**
     * Trains a fresh network of {@code model} for at least {@code seconds} (whole rounds, over as
     * many epochs as that takes) and measures the rounds after the first.
     */
    public static Rate train(JavaSparkContext sc, LmConfig config, LmConfig.Model model, Export data, int workers,
                             double seconds, String label) {
        MultiLayerNetwork net = ModelFactory.create(model, config.training(), data.vocabulary());
        Fit trainer = Fit.of(sc, config.training(), workers, net, new TokenBatchLoader(data.vocabulary(), true),
                data.files().sequenceLength(), false);
        List<RoundStats> rounds = new ArrayList<>();
        for (int epoch = 1; trainer.trainingSeconds() < seconds; epoch++) {
            rounds.addAll(trainer.epoch(data.files(), epoch, 0, seconds, r -> { }));
        }
        if (rounds.size() < 3) {
            throw new IllegalArgumentException("--seconds " + seconds + " allowed only " + rounds.size()
                    + " averaging round(s) of " + label + "; give more seconds so that at least 3 are measured");
        }
        double measured = rounds.stream().skip(1).mapToDouble(RoundStats::seconds).sum();
        long tokens = rounds.stream().skip(1).mapToLong(RoundStats::examples).sum() * data.files().sequenceLength();
        return new Rate(label, workers, tokens / measured, measured / (rounds.size() - 1), rounds.size() - 1,
                net.numParams());
    }
}
