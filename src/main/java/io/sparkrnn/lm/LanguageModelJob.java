package io.sparkrnn.lm;

import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.RoundSchedule;
import io.sparkrnn.core.train.WeightAverage;

import io.sparkrnn.nn.Cell;
import io.sparkrnn.core.train.ModelBytes;

import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.DistributedTrainer;

import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.BuildInfo;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The language-model job as a pure pipeline: given a validated configuration and a Spark
 * context it prepares the corpus, computes the baselines, trains with parameter averaging,
 * evaluates and samples after every epoch, writes every output, and returns the run's
 * summary. It never exits the JVM and never starts or stops Spark; {@code main} does.
 */
public final class LanguageModelJob {
    private static final Logger LOG = LoggerFactory.getLogger(LanguageModelJob.class);
    /** The checkpoint entry holding the {@link TrainingState}. */
    static final String STATE = "state.json";
    /** The checkpoint entry holding the {@link WeightAverage}, when the run keeps one. */
    static final String AVERAGE = "weight-average.bin";

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
        return new LanguageModelJob(config, sc).run(null);
    }

    /**
     * Runs the job, from the start or, when {@code resume} is not null, from that checkpoint
     * of the same output folder.
     */
    public RunSummary run(CheckpointStore.Checkpoint resume) throws IOException {
        Instant started = Instant.now();
        String out = storage.qualify(config.output().path());
        String work = storage.qualify(config.output().resolvedWorkDir());
        OutputWriter writer = new OutputWriter(storage, out);
        CheckpointStore checkpoints = new CheckpointStore(storage, out, config.checkpoint().keep());
        writer.prepare(config.output().overwrite(), resume != null);
        TrainingState saved = resume == null ? null
                : TrainingState.fromJson(new String(resume.entry(STATE), StandardCharsets.UTF_8), resume.uri());
        if (resume == null) {
            checkpoints.deleteAll();
        }
        int workers = saved != null ? saved.workers()
                : config.training().workers() > 0 ? config.training().workers() : sc.defaultParallelism();
        LOG.info("Language model job: {} -> {} ({} worker(s), Spark {} master {}){}", config.data().input(), out,
                workers, sc.version(), sc.master(), resume == null ? "" : "; resuming from " + resume.uri());

        startPhase();
        Prepared data = prepare(work, saved == null ? 0 : saved.trainPartitions());
        Vocabulary vocabulary = data.vocabulary();
        if (saved != null) {
            checkSameData(resume, saved, data);
        }

        MultiLayerNetwork net = resume != null ? ModelBytes.fromBytes(resume.entry(ModelBytes.MODEL_FILE))
                : ModelFactory.create(config.model(), config.training(), vocabulary.size());
        LOG.info("Model: {} x {} {} ({} parameters), vocabulary {}", config.model().layers(),
                config.model().hiddenSize(), config.model().cell(), String.format(Locale.ROOT, "%,d", net.numParams()),
                vocabulary.size());
        TokenBatchLoader loader = new TokenBatchLoader(vocabulary.size(), config.model().oneHotInput());
        DataSet probe = config.model().oneHotInput() && data.validation().files() > 0
                ? loader.prepare(readBatch(data.validation().path(0))) : null;
        List<GradientFlow.Profile> gradientFlow = new ArrayList<>();
        if (probe != null && resume == null) {
            startPhase();
            for (Cell cell : Cell.values()) {
                MultiLayerNetwork fresh = cell == config.model().cell() ? net
                        : ModelFactory.create(config.model().withCell(cell), config.training(), vocabulary.size());
                gradientFlow.add(GradientFlow.measure(cell.name().toLowerCase(Locale.ROOT) + " at initialisation",
                        fresh, probe));
            }
            phases.put("gradient flow", phaseSeconds());
        }
        int timeSteps = config.model().tbpttLength() > 0
                ? Math.min(config.model().tbpttLength(), data.train().sequenceLength()) : data.train().sequenceLength();
        DistributedTrainer trainer = new DistributedTrainer(sc, config.training(), workers, net, loader, timeSteps,
                config.output().trainingStats());
        if (resume != null && trainer.average() != null) {
            // training.average-rounds cannot change on resume, so a checkpoint of this run holds the entry.
            trainer.resumeAverage(WeightAverage.fromBytes(config.training().averageRounds(), resume.entry(AVERAGE)));
        }
        double charsPerToken = (double) data.stats().trainCharacters() / data.stats().trainTokens();
        ConsoleProgress console = new ConsoleProgress(config.training().epochs(),
                data.train().windows() * data.train().sequenceLength(), config.training().timeLimitMinutes() * 60,
                charsPerToken, 10);
        int roundsInEpoch = new RoundSchedule(data.train().files(), workers, config.training().averagingFrequency(),
                config.training().seed(), 1).rounds();
        TrainingState start = saved != null ? saved : TrainingState.start(roundsInEpoch, workers,
                data.train().exportPartitions(), data.train().files(), data.train().windows(), config.training().seed());
        String configText = LmConfigLoader.toHocon(config);
        byte[] vocabularyJson = vocabulary.toJson().getBytes(StandardCharsets.UTF_8);
        TrainingLoop loop = new TrainingLoop(config, sc, trainer, data.train(), data.validation(), loader, vocabulary,
                (double) data.stats().validationTokens() / data.stats().validationCharacters(),
                data.baselines().bigramNats(), console, (state, network) -> {
                    Map<String, byte[]> entries = new LinkedHashMap<>();
                    entries.put(STATE, state.toJson().getBytes(StandardCharsets.UTF_8));
                    entries.put(ModelBytes.MODEL_FILE, ModelBytes.toBytes(network));
                    if (trainer.average() != null) {
                        entries.put(AVERAGE, trainer.average().toBytes());
                    }
                    entries.put(ModelStore.VOCABULARY_FILE, vocabularyJson);
                    entries.put(OutputWriter.CONFIG, configText.getBytes(StandardCharsets.UTF_8));
                    String uri = checkpoints.save(state.epoch(), state.roundsDone(), entries);
                    LOG.debug("Checkpoint {}", uri);
                });
        TrainingState end = loop.run(start);
        if (end.epochs().isEmpty()) {
            throw new DataException("training.time-limit-minutes = " + config.training().timeLimitMinutes()
                    + " left no time for a single averaging round");
        }
        boolean stoppedByLimit = !end.epochs().get(end.epochs().size() - 1).complete();
        phases.put("training", trainer.trainingSeconds());
        phases.put("evaluation", end.evaluationSeconds());
        phases.put("sampling", end.samplingSeconds());
        phases.put("checkpoints", loop.checkpointSeconds());

        startPhase();
        // With a weight average this builds the averaged copy: once, for both uses.
        MultiLayerNetwork model = trainer.model();
        if (probe != null) {
            gradientFlow.add(GradientFlow.measure(config.model().cell().name().toLowerCase(Locale.ROOT) + " trained",
                    ModelBytes.fromBytes(ModelBytes.toBytes(model)), probe));
        }
        writer.writeModel(model, vocabulary);
        boolean stats = config.output().trainingStats() && writer.writeTrainingStats(trainer.trainingStats());
        phases.put("writing model and statistics", phaseSeconds());
        RunSummary summary = new RunSummary(config, configText, vocabulary.size(), data.stats(),
                data.baselines(), end.epochs(), end.rounds(), phases, started, Instant.now(),
                BuildInfo.versions(sc.version()), BuildInfo.sparkInfo(sc), workers, stoppedByLimit,
                resume == null ? "" : resume.uri(), gradientFlow);
        writer.writeReports(summary, stats);
        if (!config.output().keepWork()) {
            storage.delete(work);
        }
        writer.markSuccess();
        // Only once the run is complete: until then they are what a resume needs.
        checkpoints.deleteAll();
        LOG.info("Done in {}: validation {} nats/token, bigram baseline {}; report: {}/{}",
                ConsoleProgress.duration(summary.wallSeconds()),
                String.format(Locale.ROOT, "%.4f", summary.last().validationLoss()),
                String.format(Locale.ROOT, "%.4f", summary.baselines().bigramNats()), out, OutputWriter.REPORT);
        return summary;
    }

    /**
     * A checkpoint's position only means something over the same batch files: the resumed run
     * must have rebuilt the same vocabulary and the same export.
     */
    private static void checkSameData(CheckpointStore.Checkpoint resume, TrainingState saved, Prepared data)
            throws IOException {
        String savedVocabulary = new String(resume.entry(ModelStore.VOCABULARY_FILE), StandardCharsets.UTF_8);
        String problem = null;
        if (!savedVocabulary.equals(data.vocabulary().toJson())) {
            problem = "the vocabulary built now differs from the checkpoint's";
        } else if (saved.trainFiles() != data.train().files() || saved.trainWindows() != data.train().windows()) {
            problem = String.format(Locale.ROOT, "the checkpoint was trained on %,d windows in %,d batch files, "
                    + "the corpus now gives %,d in %,d", saved.trainWindows(), saved.trainFiles(),
                    data.train().windows(), data.train().files());
        }
        if (problem != null) {
            throw new DataException("cannot resume from " + resume.uri() + ": " + problem
                    + ". The input (data.input) must be the same files with the same content as when the run started");
        }
    }

    /** The corpus after the pipeline: vocabulary, exported batches, baselines, statistics. */
    record Prepared(Vocabulary vocabulary, BatchFiles train, BatchFiles validation, Baselines baselines,
                    CorpusStats stats) {
    }

    private Prepared prepare(String work, int trainPartitions) throws IOException {
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
                    config.training().batchSizePerWorker(), config.training().seed(), trainPartitions);
            BatchFiles validation = pipeline.export(validationWindows, Side.VALIDATION, work + "/validation",
                    config.training().batchSizePerWorker(), config.training().seed(), 0);
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


    /** One exported minibatch, read back from storage. */
    private DataSet readBatch(String uri) throws IOException {
        DataSet ds = new DataSet();
        try (var in = storage.open(uri)) {
            ds.load(in);
        }
        return ds;
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
