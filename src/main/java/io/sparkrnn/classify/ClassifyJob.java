package io.sparkrnn.classify;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.job.JobRunner;
import io.sparkrnn.core.job.Outputs;
import io.sparkrnn.core.job.Task;
import io.sparkrnn.core.job.TaskInfo;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.stats.LossTotals;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.ExportBatches;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.core.train.RoundSchedule;
import io.sparkrnn.core.train.RoundStats;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import io.sparkrnn.core.train.WeightAverage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.core.loader.impl.SerializedDataSetLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sequence-classification task (many-to-one): reads the labelled training and test
 * sequences on Spark (rejected rows and refused sequences counted and kept), numbers the
 * classes and fits the feature scaling on the training side only, measures the baselines,
 * trains the network with parameter averaging while scoring the test sequences for the learning
 * curve, and writes the model, the test predictions and its classes and scaling. A resumed run
 * continues from its newest checkpoint. The skeleton does the rest ({@link JobRunner}).
 */
public final class ClassifyJob extends Task<ClassifyConfig, ClassifySummary> {
    static final TaskInfo INFO = new TaskInfo("train-classify", "sequence classification", List.of(
            "Trains a many-to-one recurrent classifier (LSTM, GRU or simple RNN) on labelled sequences of any length "
                    + "(one row per sequence and step) with Spark and DL4J parameter averaging, scores it on held-out "
                    + "test sequences against the majority-class and nearest-centroid baselines, and writes model.zip "
                    + "with classifier.json (classes and feature scaling), the test predictions (CSV), metrics.json "
                    + "(accuracy, per-class precision/recall/F1, confusion matrix), run.json and report.html under "
                    + "--output."), "conf/classify-vowels.conf");
    /** The checkpoint entry holding the learning curve so far. */
    static final String CURVE = "curve.json";
    private static final Logger LOG = LoggerFactory.getLogger(ClassifyJob.class);

    /** Runs a classification job from the start. */
    public static ClassifySummary run(ClassifyConfig config, JavaSparkContext sc) throws IOException {
        return JobRunner.run(new ClassifyJob(), config, sc, false);
    }


    public ClassifyJob() {
        super(INFO, ClassifyConfig.LOADER, ClassifyConfig.RESUMABLE_CHANGES);
    }

    @Override
    public Outputs outputs(ClassifySummary r) {
        return new Outputs(ClassifyJson.metrics(r), ClassifyJson.details(r), ClassifyReport.page(r), r.outcome());
    }

    @Override
    public ClassifySummary run(JobContext<ClassifyConfig> job) throws IOException {
        ClassifyConfig config = job.config();
        LOG.info("Classification job: train {} test {}", config.data().train(), config.data().test());
        ClassifyData data = ClassifyData.read(job);
        job.phases().end("read, parse and assemble");
        ClassBaselines.Result baselines = ClassBaselines.compute(data.train(), data.test(), data.classes(),
                data.scaler(), data.trainCounts());
        job.phases().end("baselines");

        CheckpointStore.Checkpoint from = job.resumeFrom().orElse(null);
        TrainingLoop.Saved saved = from == null ? null : TrainingLoop.saved(from);
        int features = data.featureColumns().size();
        MultiLayerNetwork net = saved != null ? ModelBytes.fromBytes(saved.model())
                : ClassifierModelFactory.create(config, features, data.classes().size());
        LOG.info("Model: {} x {} {} ({} parameters), {} features, {} classes", config.model().layers(),
                config.model().hiddenSize(), config.model().cell(),
                String.format(Locale.ROOT, "%,d", net.numParams()), features, data.classes().size());
        int partitions = saved != null ? saved.state().exportPartitions() : Math.max(1, job.sc().defaultParallelism());
        BatchFiles files = ExportBatches.dataSets(job.sc(), job.storage(), data.train()
                .keyBy(new SequenceFunctions.ShuffleKey(config.training().seed())).sortByKey(true, partitions).values()
                .mapPartitions(new ToClassBatches(config.training().batchSizePerWorker(), data.classes(),
                        data.scaler())), job.workDir() + "/train", config.training().batchSizePerWorker(), 0);
        Fit fit = job.fit(net, new SerializedDataSetLoader(), 1);
        List<ClassifySummary.EpochPoint> curve = new ArrayList<>(from == null ? List.of() : curve(from));
        if (saved != null && saved.average() != null) {
            fit.resumeAverage(WeightAverage.fromBytes(config.training().averageRounds(), saved.average()));
        }
        TrainingState end = train(job, fit, files, data, curve, saved == null ? null : saved.state());
        job.phases().end("training");
        return finish(job, fit, data, baselines, curve, end, net.numParams(), from == null ? "" : from.uri());
    }

    /** The epochs, through the shared training loop, scoring the test sequences as configured. */
    private static TrainingState train(JobContext<ClassifyConfig> job, Fit fit, BatchFiles files, ClassifyData data,
                                       List<ClassifySummary.EpochPoint> curve, TrainingState saved)
            throws IOException {
        ClassifyConfig config = job.config();
        int every = config.eval().everyEpochs();
        ConsoleProgress console = new ConsoleProgress("", new ConsoleProgress.Units("sequences", 1, ""),
                config.training().epochs(), files.examples(), config.training().timeLimitMinutes() * 60, 10);
        int rounds = new RoundSchedule(files.files(), job.workers(), config.training().averagingFrequency(),
                config.training().seed(), 1).rounds();
        TrainingLoop loop = new TrainingLoop(fit, files, config.training(), config.checkpoint(), job.checkpoints(),
                job.configText(), console, (epoch, state) -> {
                    double loss = state.roundsOf(epoch).stream().mapToDouble(RoundStats::loss).average()
                            .orElse(Double.NaN);
                    curve.removeIf(p -> p.epoch() == epoch);
                    if (every > 0 && epoch % every == 0) {
                        LossTotals s = score(job, (MultiLayerNetwork) fit.model(), data.test(), data);
                        curve.add(new ClassifySummary.EpochPoint(epoch, loss, s.accuracy(), s.meanNats()));
                        LOG.info("epoch {}: training loss {}, test accuracy {}, test loss {}", epoch, fmt(loss),
                                fmt(s.accuracy()), fmt(s.meanNats()));
                    } else {
                        curve.add(new ClassifySummary.EpochPoint(epoch, loss, Double.NaN, Double.NaN));
                    }
                }, () -> Map.of(CURVE, Json.STATE.writeValueAsBytes(curve)));
        return loop.run(saved != null ? saved
                : TrainingState.start(rounds, job.workers(), files, config.training().seed()));
    }

    /** Scores the final model on the test sequences, writes the model and predictions, gathers the summary. */
    private static ClassifySummary finish(JobContext<ClassifyConfig> job, Fit fit, ClassifyData data,
                                          ClassBaselines.Result baselines, List<ClassifySummary.EpochPoint> curve,
                                          TrainingState end, long parameters, String resumedFrom) throws IOException {
        ClassifyConfig config = job.config();
        MultiLayerNetwork trained = (MultiLayerNetwork) fit.model();
        byte[] model = ModelBytes.toBytes(trained);
        Broadcast<byte[]> broadcast = job.sc().broadcast(model);
        JavaRDD<Prediction> predictions = data.test().mapPartitions(new PredictSequences(broadcast, data.classes(),
                data.scaler(), config.training().batchSizePerWorker())).persist(StorageLevel.MEMORY_AND_DISK());
        Evaluation evaluation = predictions.aggregate(new Evaluation(new ArrayList<>(data.classes().labels())),
                new ScoreFunctions.EvaluatePredictions(), new ScoreFunctions.MergeEvaluations());
        double testNats = predictions.mapToDouble(Prediction::nats).mean();
        double trainAccuracy = score(job, trained, data.train(), data).accuracy();
        if (!curve.isEmpty() && Double.isNaN(curve.get(curve.size() - 1).testAccuracy())) {
            var last = curve.remove(curve.size() - 1);
            curve.add(new ClassifySummary.EpochPoint(last.epoch(), last.trainLoss(), evaluation.accuracy(), testNats));
        }
        job.phases().end("evaluation");
        ClassifierFiles files = new ClassifierFiles(job.storage(), job.out());
        files.writeModel(model, data.classes(), data.featureColumns(), data.scaler());
        files.writePredictions(SparkSession.builder().sparkContext(job.sc().sc()).getOrCreate(), predictions,
                data.classes());
        predictions.unpersist();
        broadcast.destroy();
        data.train().unpersist();
        data.test().unpersist();
        job.phases().end("writing model and predictions");
        boolean stopped = curve.size() < config.training().epochs() || end.roundsDone() < end.roundsInEpoch();
        return new ClassifySummary(config, data.trainStats(), data.testStats(), data.classes().labels(),
                data.featureColumns(), data.trainCounts(), data.testCounts(), baselines, curve, evaluation, testNats,
                trainAccuracy, parameters, fit.trainingSeconds(), stopped, job.workers(), resumedFrom);
    }

    /** Accuracy and mean cross-entropy of a network on a set of sequences (as loss totals). */
    private static LossTotals score(JobContext<ClassifyConfig> job, MultiLayerNetwork net,
                                    JavaRDD<LabelledSequence> sequences, ClassifyData data) {
        Broadcast<byte[]> model = job.sc().broadcast(ModelBytes.toBytes(net));
        try {
            return sequences.mapPartitions(new PredictSequences(model, data.classes(), data.scaler(),
                    job.config().training().batchSizePerWorker())).map(new ScoreFunctions.AsTotals())
                    .fold(new LossTotals(), LossTotals::merge);
        } finally {
            model.destroy();
        }
    }

    private static List<ClassifySummary.EpochPoint> curve(CheckpointStore.Checkpoint from) throws IOException {
        return Json.STATE.readValue(from.entry(CURVE), new TypeReference<List<ClassifySummary.EpochPoint>>() { });
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
