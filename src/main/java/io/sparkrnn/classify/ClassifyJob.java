package io.sparkrnn.classify;

import io.sparkrnn.core.train.ModelBytes;

import io.sparkrnn.core.train.EpochTrainer;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.BuildInfo;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.StatCounter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sequence-classification job as a pure pipeline: reads the labelled training and test
 * sequences on Spark (rejected rows and refused sequences counted and kept), numbers the
 * classes and fits the feature scaling on the training side only, measures the baselines,
 * trains the many-to-one network with parameter averaging while scoring the test sequences
 * for the learning curve, and writes the model, the test predictions and the reports. It
 * never exits the JVM and never starts or stops Spark; {@code main} does.
 */
public final class ClassifyJob {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifyJob.class);
    public static final String METRICS = "metrics.json";
    public static final String RUN = "run.json";
    public static final String REPORT = "report.html";

    private final ClassifyConfig config;
    private final JavaSparkContext sc;
    private final Storage storage;
    private final Map<String, Double> phases = new LinkedHashMap<>();
    private long phaseStart = System.nanoTime();

    public ClassifyJob(ClassifyConfig config, JavaSparkContext sc) {
        this.config = config;
        this.sc = sc;
        this.storage = new Storage(sc.hadoopConfiguration());
    }

    public ClassifySummary run() throws IOException {
        Instant started = Instant.now();
        OutputFolder out = new OutputFolder(storage, storage.qualify(config.output().path()));
        String work = storage.qualify(config.output().resolvedWorkDir());
        out.prepare(config.output().overwrite(), false);
        int workers = config.training().workers() > 0 ? config.training().workers() : sc.defaultParallelism();
        LOG.info("Classification job: train {} test {} -> {} ({} worker(s), Spark {} master {})",
                config.data().train(), config.data().test(), out.dir(), workers, sc.version(), sc.master());
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        int partitions = Math.max(1, sc.defaultParallelism());

        SequenceReader.Side trainInput = SequenceReader.read(spark, config.data(), storage, "data.train",
                config.data().train());
        SequenceReader.Side testInput = SequenceReader.read(spark, config.data(), storage, "data.test",
                config.data().test());
        if (!trainInput.featureColumns().equals(testInput.featureColumns())) {
            throw new DataException("data.test: " + testInput.files().get(0) + " gives the feature columns "
                    + testInput.featureColumns() + " but data.train gives " + trainInput.featureColumns()
                    + "; both sides need the same columns (or list them in data.feature-columns)");
        }
        ClassifierFiles files = new ClassifierFiles(storage, out);
        Ingested train = ingest(trainInput, files, partitions, null);
        if (train.stats().usable() == 0) {
            throw new DataException("data.train: no usable sequence among " + train.stats().sequences() + ", e.g. "
                    + train.stats().refusedExamples());
        }
        Map<String, Long> trainCounts = new LinkedHashMap<>(train.usable().map(LabelledSequence::label).countByValue());
        ClassIndex classes = new ClassIndex(trainCounts.keySet());
        if (classes.size() < 2) {
            throw new DataException("data.train: every usable sequence has the label " + classes.labels()
                    + "; a classifier needs at least two classes");
        }
        Ingested test = ingest(testInput, files, partitions, classes);
        if (test.stats().usable() == 0) {
            throw new DataException("data.test: no usable sequence among " + test.stats().sequences() + ", e.g. "
                    + test.stats().refusedExamples());
        }
        Map<String, Long> testCounts = new LinkedHashMap<>(test.usable().map(LabelledSequence::label).countByValue());
        int features = trainInput.featureColumns().size();
        FeatureScaler scaler = config.data().standardize()
                ? train.usable().aggregate(new FeatureScaler.Moments(features), FeatureScaler.Moments::add,
                FeatureScaler.Moments::merge).scaler()
                : FeatureScaler.identity(features);
        LOG.info("{} classes {}; {} training and {} test sequences ({} and {} refused)", classes.size(),
                classes.labels(), train.stats().usable(), test.stats().usable(), train.stats().refused(),
                test.stats().refused());
        phase("read, parse and assemble");
        ClassBaselines.Result baselines = ClassBaselines.compute(train.usable(), test.usable(), classes, scaler,
                trainCounts);
        phase("baselines");

        MultiLayerNetwork net = ClassifierModelFactory.create(config, features, classes.size());
        LOG.info("Model: {} x {} {} ({} parameters), {} features, {} classes", config.model().layers(),
                config.model().hiddenSize(), config.model().cell(),
                String.format(Locale.ROOT, "%,d", net.numParams()), features, classes.size());
        var batches = train.usable().keyBy(new SequenceFunctions.ShuffleKey(config.training().seed()))
                .sortByKey(true, partitions).values()
                .mapPartitions(new ToClassBatches(config.training().batchSizePerWorker(), classes, scaler));
        List<ClassifySummary.EpochPoint> curve = new ArrayList<>();
        int every = config.eval().everyEpochs();
        EpochTrainer.Fit fit = new EpochTrainer(sc, config.training(), workers).fit(net, batches, work + "/train",
                "classifier", (epoch, loss, network) -> {
                    if (every > 0 && epoch % every == 0) {
                        Scores s = score((MultiLayerNetwork) network, test.usable(), classes, scaler);
                        curve.add(new ClassifySummary.EpochPoint(epoch, loss, s.accuracy(), s.nats()));
                        LOG.info("epoch {}: training loss {}, test accuracy {}, test loss {}", epoch,
                                fmt(loss), fmt(s.accuracy()), fmt(s.nats()));
                    } else {
                        curve.add(new ClassifySummary.EpochPoint(epoch, loss, Double.NaN, Double.NaN));
                    }
                });
        phase("training");

        MultiLayerNetwork trained = (MultiLayerNetwork) fit.net();
        byte[] model = ModelBytes.toBytes(trained);
        Broadcast<byte[]> broadcast = sc.broadcast(model);
        JavaRDD<Prediction> predictions = test.usable().mapPartitions(new PredictSequences(broadcast, classes, scaler,
                config.training().batchSizePerWorker())).persist(StorageLevel.MEMORY_AND_DISK());
        Evaluation evaluation = predictions.aggregate(new Evaluation(new ArrayList<>(classes.labels())),
                new ScoreFunctions.EvaluatePredictions(), new ScoreFunctions.MergeEvaluations());
        double testNats = predictions.mapToDouble(Prediction::nats).mean();
        double trainAccuracy = score(trained, train.usable(), classes, scaler).accuracy();
        if (!curve.isEmpty() && Double.isNaN(curve.get(curve.size() - 1).testAccuracy())) {
            var last = curve.remove(curve.size() - 1);
            curve.add(new ClassifySummary.EpochPoint(last.epoch(), last.trainLoss(), evaluation.accuracy(), testNats));
        }
        phase("evaluation");

        String configText = ClassifyConfigLoader.toHocon(config);
        files.writeModel(model, classes, trainInput.featureColumns(), scaler, configText);
        files.writePredictions(spark, predictions, classes);
        predictions.unpersist();
        broadcast.destroy();
        phase("writing model and predictions");
        ClassifySummary summary = new ClassifySummary(config, configText, train.stats(), test.stats(),
                classes.labels(), trainInput.featureColumns(), trainCounts, testCounts, baselines, curve, evaluation,
                testNats, trainAccuracy, net.numParams(), fit.seconds(), fit.stoppedByLimit(), phases, started,
                Instant.now(), BuildInfo.versions(sc.version()), BuildInfo.sparkInfo(sc), workers);
        storage.writeString(out.path(METRICS), ClassifyJson.metrics(summary));
        storage.writeString(out.path(RUN), ClassifyJson.run(summary));
        storage.writeString(out.path(REPORT), ClassifyReport.render(summary));
        if (!config.output().keepWork()) {
            storage.delete(work);
        }
        train.usable().unpersist();
        test.usable().unpersist();
        out.markSuccess();
        LOG.info("Done in {}: test accuracy {} (macro F1 {}) on {} sequences; baselines: majority class {}, nearest "
                        + "centroid {}; report: {}", String.format(Locale.ROOT, "%.0f s", summary.wallSeconds()),
                fmt(summary.accuracy()), fmt(summary.macroF1()), test.stats().usable(),
                fmt(baselines.majorityAccuracy()), fmt(baselines.centroidAccuracy()), out.path(REPORT));
        return summary;
    }

    /** One side's usable sequences (cached) and what its input held. */
    private record Ingested(JavaRDD<LabelledSequence> usable, ClassifySummary.Side stats) {
    }

    /**
     * Parses and assembles one side; rejected rows go to {@code rejected-<side>} of the output.
     * With {@code classes}, sequences of a class the training side lacks are refused.
     */
    private Ingested ingest(SequenceReader.Side input, ClassifierFiles files, int partitions, ClassIndex classes)
            throws IOException {
        String side = input.key().substring("data.".length());
        JavaRDD<StepRow> rows = input.rows().persist(StorageLevel.MEMORY_AND_DISK());
        long total = rows.count();
        if (total == 0) {
            throw new DataException(input.key() + ": " + input.files() + " holds no data rows");
        }
        long rejectedRows = rows.filter(StepRow::rejected).count();
        String rejectedPath = rejectedRows > 0 ? files.writeRejected(side, rows) : "";
        JavaRDD<LabelledSequence> all = rows.filter(new SequenceFunctions.HasId()).keyBy(StepRow::id).groupByKey(partitions)
                .map(new AssembleSequence(!config.data().orderColumn().isEmpty(), config.data().maxLength()));
        if (classes != null) {
            all = all.map(new SequenceFunctions.RefuseUnknownClass(classes));
        }
        all = all.persist(StorageLevel.MEMORY_AND_DISK());
        rows.unpersist();
        JavaRDD<LabelledSequence> usable = all.filter(LabelledSequence::usable).persist(StorageLevel.MEMORY_AND_DISK());
        long sequences = all.count();
        List<String> refused = all.filter(s -> !s.usable()).map(s -> s.id() + ": " + s.problem()).take(20);
        StatCounter lengths = usable.mapToDouble(LabelledSequence::length).stats();
        long usableCount = lengths.count();
        long truncated = usable.filter(LabelledSequence::truncated).count();
        int min = usableCount == 0 ? 0 : (int) lengths.min();
        int max = usableCount == 0 ? 0 : (int) lengths.max();
        double mean = usableCount == 0 ? 0 : lengths.mean();
        all.unpersist();
        if (usableCount < sequences) {
            LOG.warn("{}: {} of {} sequences cannot be used (listed in run.json and the report), e.g. {}", input.key(),
                    sequences - usableCount, sequences, refused.get(0));
        }
        if (rejectedRows > 0) {
            LOG.warn("{}: {} of {} rows rejected; they are in {}", input.key(), rejectedRows, total, rejectedPath);
        }
        return new Ingested(usable, new ClassifySummary.Side(input.key(), input.files(), input.bytes(), total,
                rejectedRows, rejectedPath, sequences, usableCount, refused, truncated, min, mean, max));
    }

    /** Accuracy and mean cross-entropy of a network on a set of sequences. */
    private record Scores(double accuracy, double nats) {
    }

    private Scores score(MultiLayerNetwork net, JavaRDD<LabelledSequence> sequences, ClassIndex classes,
                         FeatureScaler scaler) {
        Broadcast<byte[]> model = sc.broadcast(ModelBytes.toBytes(net));
        try {
            JavaRDD<Prediction> p = sequences.mapPartitions(new PredictSequences(model, classes, scaler,
                    config.training().batchSizePerWorker()));
            double[] sums = p.aggregate(new double[3], new ScoreFunctions.SumScores(), new ScoreFunctions.AddScores());
            return new Scores(sums[1] / sums[0], sums[2] / sums[0]);
        } finally {
            model.destroy();
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private void phase(String name) {
        long now = System.nanoTime();
        phases.put(name, (now - phaseStart) / 1e9);
        phaseStart = now;
    }
}
