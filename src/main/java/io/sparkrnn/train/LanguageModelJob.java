package io.sparkrnn.train;

import io.sparkrnn.config.LmConfig;
import io.sparkrnn.config.LmConfigLoader;
import io.sparkrnn.data.BatchFiles;
import io.sparkrnn.data.CorpusPipeline;
import io.sparkrnn.data.CorpusStats;
import io.sparkrnn.data.DataException;
import io.sparkrnn.data.Side;
import io.sparkrnn.data.SplitPlan;
import io.sparkrnn.data.TokenBatchLoader;
import io.sparkrnn.data.Vocabulary;
import io.sparkrnn.data.Window;
import io.sparkrnn.eval.Baselines;
import io.sparkrnn.eval.EpochMetrics;
import io.sparkrnn.eval.LossTotals;
import io.sparkrnn.eval.ModelEvaluator;
import io.sparkrnn.eval.NgramBaselines;
import io.sparkrnn.io.Storage;
import io.sparkrnn.model.ModelFactory;
import io.sparkrnn.model.ModelStore;
import io.sparkrnn.model.TextGenerator;
import io.sparkrnn.report.BuildInfo;
import io.sparkrnn.report.RunSummary;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The language-model job as a pure pipeline: given a validated configuration and a Spark
 * context it prepares the corpus, computes the baselines, trains with parameter averaging,
 * evaluates and samples after every epoch, writes every output, and returns the run's
 * summary. It never exits the JVM and never starts or stops Spark; {@code main} does.
 */
public final class LanguageModelJob {
    private static final Logger LOG = LoggerFactory.getLogger(LanguageModelJob.class);

    private final LmConfig config;
    private final JavaSparkContext sc;
    private final Storage storage;
    private final Map<String, Double> phases = new LinkedHashMap<>();
    private long phaseStart;

    public LanguageModelJob(LmConfig config, JavaSparkContext sc) {
        this.config = config;
        this.sc = sc;
        this.storage = new Storage(sc.hadoopConfiguration());
    }

    public static RunSummary run(LmConfig config, JavaSparkContext sc) throws IOException {
        return new LanguageModelJob(config, sc).run();
    }

    public RunSummary run() throws IOException {
        Instant started = Instant.now();
        String out = storage.qualify(config.output().path());
        String work = storage.qualify(config.output().resolvedWorkDir());
        OutputWriter writer = new OutputWriter(storage, out);
        writer.prepare(config.output().overwrite());
        int workers = config.training().workers() > 0 ? config.training().workers() : sc.defaultParallelism();
        LOG.info("Language model job: {} -> {} ({} worker(s), Spark {} master {})",
                config.data().input(), out, workers, sc.version(), sc.master());

        startPhase();
        Prepared data = prepare(work);
        Vocabulary vocabulary = data.vocabulary();

        MultiLayerNetwork net = ModelFactory.create(config.model(), config.training(), vocabulary.size());
        LOG.info("Model: {} x {} {} ({} parameters), vocabulary {}", config.model().layers(),
                config.model().hiddenSize(), config.model().cell(), String.format(Locale.ROOT, "%,d", net.numParams()),
                vocabulary.size());
        TokenBatchLoader loader = new TokenBatchLoader(vocabulary.size(), config.model().oneHotInput());
        int timeSteps = config.model().tbpttLength() > 0
                ? Math.min(config.model().tbpttLength(), data.train().sequenceLength()) : data.train().sequenceLength();
        DistributedTrainer trainer = new DistributedTrainer(sc, config.training(), workers, net, loader, timeSteps,
                config.output().trainingStats());
        double charsPerToken = (double) data.stats().trainCharacters() / data.stats().trainTokens();
        double limit = config.training().timeLimitMinutes() * 60;
        ConsoleProgress console = new ConsoleProgress(config.training().epochs(),
                data.train().windows() * data.train().sequenceLength(), limit, charsPerToken, 10);

        List<RoundStats> rounds = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        double evaluationSeconds = 0;
        double samplingSeconds = 0;
        boolean stoppedByLimit = false;
        for (int epoch = 1; epoch <= config.training().epochs() && !stoppedByLimit; epoch++) {
            List<RoundStats> done = trainer.epoch(data.train(), epoch, limit, r -> {
                rounds.add(r);
                console.roundDone(r);
            });
            int roundsInEpoch = new RoundSchedule(data.train().files(), workers,
                    config.training().averagingFrequency(), config.training().seed(), epoch).rounds();
            stoppedByLimit = done.size() < roundsInEpoch;
            if (done.isEmpty()) {
                break;
            }
            long t0 = System.nanoTime();
            LossTotals validation = ModelEvaluator.evaluate(sc, trainer.network(), data.validation(), loader, workers);
            double evalSeconds = (System.nanoTime() - t0) / 1e9;
            evaluationSeconds += evalSeconds;
            t0 = System.nanoTime();
            String sample = sample(trainer.network(), vocabulary, epoch);
            samplingSeconds += (System.nanoTime() - t0) / 1e9;
            EpochMetrics metrics = new EpochMetrics(epoch, done.size(), roundsInEpoch,
                    done.stream().mapToDouble(RoundStats::loss).average().orElse(Double.NaN),
                    validation.meanNats(), validation.accuracy(), validation.tokens,
                    (double) data.stats().validationTokens() / data.stats().validationCharacters(),
                    rounds.stream().mapToLong(RoundStats::tokens).sum(), trainer.trainingSeconds(), evalSeconds,
                    sample);
            epochs.add(metrics);
            console.epochDone(metrics, data.baselines().bigramNats());
            LOG.info("Sample after epoch {}:\n{}{}", epoch, config.eval().samplePrime(), sample);
        }
        if (epochs.isEmpty()) {
            throw new DataException("training.time-limit-minutes = " + config.training().timeLimitMinutes()
                    + " left no time for a single averaging round");
        }
        phases.put("training", trainer.trainingSeconds());
        phases.put("evaluation", evaluationSeconds);
        phases.put("sampling", samplingSeconds);

        startPhase();
        writer.writeModel(trainer.network(), vocabulary);
        boolean stats = config.output().trainingStats() && writer.writeTrainingStats(trainer.trainingStats());
        phases.put("writing model and statistics", phaseSeconds());
        RunSummary summary = new RunSummary(config, LmConfigLoader.toHocon(config), vocabulary.size(), data.stats(),
                data.baselines(), epochs, rounds, phases, started, Instant.now(),
                BuildInfo.versions(sc.version()), sparkInfo(), workers, stoppedByLimit);
        writer.writeReports(summary, stats);
        if (!config.output().keepWork()) {
            storage.delete(work);
        }
        writer.markSuccess();
        LOG.info("Done in {}: validation {} nats/token, bigram baseline {}; report: {}/{}",
                ConsoleProgress.duration(summary.wallSeconds()),
                String.format(Locale.ROOT, "%.4f", summary.last().validationLoss()),
                String.format(Locale.ROOT, "%.4f", summary.baselines().bigramNats()), out, OutputWriter.REPORT);
        return summary;
    }

    /** The corpus after the pipeline: vocabulary, exported batches, baselines, statistics. */
    record Prepared(Vocabulary vocabulary, BatchFiles train, BatchFiles validation, Baselines baselines,
                    CorpusStats stats) {
    }

    private Prepared prepare(String work) throws IOException {
        try (CorpusPipeline pipeline = new CorpusPipeline(sc, config.data(), storage)) {
            SplitPlan split = pipeline.read();
            LOG.info("Read {} file(s): {} characters in {} partitions; validation: the last {} characters",
                    pipeline.inputs().size(), String.format(Locale.ROOT, "%,d", split.total()), pipeline.partitions(),
                    String.format(Locale.ROOT, "%,d", split.size(Side.VALIDATION)));
            phases.put("read and scan", phaseSeconds());
            Vocabulary vocabulary = pipeline.buildVocabulary();
            phases.put("vocabulary and token counts", phaseSeconds());
            JavaRDD<Window> trainWindows = pipeline.windows(Side.TRAIN);
            JavaRDD<Window> validationWindows = pipeline.windows(Side.VALIDATION);
            BatchFiles train = pipeline.export(trainWindows, Side.TRAIN, work + "/train",
                    config.training().batchSizePerWorker(), config.training().seed());
            BatchFiles validation = pipeline.export(validationWindows, Side.VALIDATION, work + "/validation",
                    config.training().batchSizePerWorker(), config.training().seed());
            phases.put("windows and export", phaseSeconds());
            Baselines baselines = NgramBaselines.compute(trainWindows, validationWindows, vocabulary.size());
            phases.put("baselines", phaseSeconds());
            long unknown = vocabulary.hasUnknown() ? vocabulary.count(vocabulary.id(Vocabulary.UNKNOWN)) : 0;
            CorpusStats stats = new CorpusStats(pipeline.inputs(), pipeline.partitions(), pipeline.lines(),
                    split.total(), pipeline.replacementCharacters(), split.size(Side.TRAIN),
                    split.size(Side.VALIDATION), pipeline.tokens(Side.TRAIN), pipeline.tokens(Side.VALIDATION),
                    unknown, train.windows(), validation.windows(), train.files(), validation.files(),
                    train.sequenceLength());
            if (stats.replacementCharacters() > 0) {
                LOG.warn("The corpus holds {} invalid UTF-8 byte sequence(s), read as U+FFFD; they are counted "
                        + "in run.json and the report", stats.replacementCharacters());
            }
            LOG.info("Vocabulary {} tokens; {} training and {} validation windows of {} steps; baselines: "
                            + "unigram {} bigram {} nats/token", vocabulary.size(), train.windows(),
                    validation.windows(), train.sequenceLength(),
                    String.format(Locale.ROOT, "%.4f", baselines.unigramNats()),
                    String.format(Locale.ROOT, "%.4f", baselines.bigramNats()));
            return new Prepared(vocabulary, train, validation, baselines, stats);
        }
    }

    private String sample(MultiLayerNetwork net, Vocabulary vocabulary, int epoch) {
        // A copy: generation changes the stored RNN state, and the training copy's buffers
        // belong to Spark's last round (see README, "Build notes").
        MultiLayerNetwork copy = ModelStore.fromBytes(ModelStore.toBytes(net));
        return new TextGenerator(copy, vocabulary, config.model().oneHotInput()).generate(
                config.eval().samplePrime(), config.eval().sampleLength(), config.eval().sampleTemperature(),
                new Random(config.training().seed() + epoch));
    }

    private Map<String, String> sparkInfo() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("master", sc.master());
        s.put("app_id", sc.sc().applicationId());
        s.put("default_parallelism", String.valueOf(sc.defaultParallelism()));
        s.put("serializer", sc.getConf().get("spark.serializer", "org.apache.spark.serializer.JavaSerializer"));
        return s;
    }

    private void startPhase() {
        phaseStart = System.nanoTime();
    }

    private double phaseSeconds() {
        long now = System.nanoTime();
        double s = (now - phaseStart) / 1e9;
        phaseStart = now;
        return s;
    }
}
