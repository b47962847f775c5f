package io.sparkrnn.caption;

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
import io.sparkrnn.core.config.Training;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import io.sparkrnn.core.train.WeightAverage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.core.loader.impl.SerializedMultiDataSetLoader;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The image-captioning task (a CNN encoder feeding a recurrent decoder): reads and decodes the
 * images and their captions on Spark, splits them by image group, numbers the words of the
 * training captions, trains the whole graph with parameter averaging while following the
 * held-out loss per word, then captions the test images on the executors (greedy and beam
 * search) and scores them with BLEU against the most-frequent-caption and nearest-neighbour
 * baselines ({@link CaptionEvaluation}). The skeleton does the rest ({@link JobRunner}).
 */
public final class CaptionJob extends Task<CaptionConfig, CaptionSummary> {
    static final TaskInfo INFO = new TaskInfo("train-caption", "image captioning", List.of(
            "Trains an image captioner (a convolutional encoder whose image features are fed with every word to an "
                    + "LSTM, GRU or simple RNN decoder) on a folder of images and a captions table with Spark and DL4J "
                    + "parameter averaging, captions the held-out test images with greedy and beam search, scores "
                    + "them (BLEU-1, BLEU-4, exact match) against the most-frequent-caption and nearest-neighbour "
                    + "baselines, and writes model.zip with captioner.json (vocabulary and image size), the test "
                    + "captions (CSV and Parquet), metrics.json, run.json and report.html under --output."),
            "conf/caption-scenes.conf");
    /** The checkpoint entry holding the learning curve so far. */
    static final String CURVE = "curve.json";
    private static final Logger LOG = LoggerFactory.getLogger(CaptionJob.class);

    public CaptionJob() {
        super(INFO, CaptionConfig.LOADER, CaptionConfig.RESUMABLE_CHANGES);
    }

    /** Runs a captioning job from the start. */
    public static CaptionSummary run(CaptionConfig config, JavaSparkContext sc) throws IOException {
        return JobRunner.run(new CaptionJob(), config, sc, false);
    }

    @Override
    public Outputs outputs(CaptionSummary r) {
        return new Outputs(CaptionJson.metrics(r), CaptionJson.details(r), CaptionReport.page(r), r.outcome());
    }

    @Override
    public CaptionSummary run(JobContext<CaptionConfig> job) throws IOException {
        CaptionConfig config = job.config();
        CaptionData data = CaptionData.read(job);
        job.phases().end("read, decode and join");
        CheckpointStore.Checkpoint from = job.resumeFrom().orElse(null);
        TrainingLoop.Saved saved = from == null ? null : TrainingLoop.saved(from);
        CaptionVocabulary vocabulary = data.vocabulary();
        KerasEncoder pretrained = config.model().kerasFile() == null ? null
                : KerasEncoder.read(job.storage(), config.model().kerasFile(), config.model().kerasLayer());
        int freeze = pretrained == null ? 0 : Math.min(config.model().freezeEpochs(), config.training().epochs());
        boolean frozenNow = freeze > 0 && (saved == null || saved.state().nextEpoch() <= freeze);
        ComputationGraph graph = saved != null ? ModelBytes.graphFromBytes(saved.model())
                : CaptionNetwork.create(config, vocabulary.size(), pretrained, frozenNow);
        LOG.info("Model: {}, {} words ({} parameters)", CaptionConfig.describe(config.model()), vocabulary.size(),
                String.format(Locale.ROOT, "%,d", graph.numParams()));
        int partitions = saved != null ? saved.state().exportPartitions() : Math.max(1, job.sc().defaultParallelism());
        int batch = config.training().batchSizePerWorker();
        BatchFiles files = ExportBatches.multiDataSets(job.sc(), job.storage(), batches(config, vocabulary,
                data.train(), partitions, config.model().wordDropout()), job.workDir() + "/train", batch, 0);
        boolean validation = data.counts().images().get("validation") > 0;
        JavaRDD<MultiDataSet> heldOut = batches(config, vocabulary, validation ? data.validation() : data.test(),
                partitions, 0).persist(StorageLevel.MEMORY_AND_DISK_SER());
        double wordsPerCaption = meanWords(config, data.train());
        job.phases().end("export minibatches");
        Fit fit = job.fit(graph, new SerializedMultiDataSetLoader(), wordsPerCaption);
        if (saved != null && saved.average() != null) {
            fit.resumeAverage(WeightAverage.fromBytes(config.training().averageRounds(), saved.average()));
        }
        List<CaptionSummary.EpochPoint> curve = new ArrayList<>(from == null ? List.of() : curve(from));
        TrainingState end = saved == null ? null : saved.state();
        if (frozenNow) {
            end = train(job, fit, files, heldOut, curve, end, config.training().withEpochs(freeze));
        }
        boolean frozenDone = frozenNow && end.nextEpoch() > freeze;
        if (frozenDone && freeze < config.training().epochs()) {
            LOG.info("Epoch {} done: the pretrained encoder now trains with the decoder", freeze);
            fit = job.fit(CaptionNetwork.unfrozen(config, vocabulary.size(), pretrained,
                    (ComputationGraph) fit.model()), new SerializedMultiDataSetLoader(), wordsPerCaption);
        }
        if (!frozenNow || frozenDone) {
            end = train(job, fit, files, heldOut, curve, end, config.training());
        }
        heldOut.unpersist();
        job.phases().end("training");
        CaptionEvaluation.Result evaluated = CaptionEvaluation.run(job, (ComputationGraph) fit.model(), data);
        job.phases().end("captions and baselines");
        boolean stopped = curve.size() < config.training().epochs() || end.roundsDone() < end.roundsInEpoch();
        return new CaptionSummary(config, data.counts(), vocabulary.size(), graph.numParams(), curve,
                validation ? "validation" : "test", evaluated.scores(), evaluated.frequent(), evaluated.gallery(),
                evaluated.errors(), fit.trainingSeconds(), stopped, job.workers(), from == null ? "" : from.uri());
    }

    /** The (image, caption) minibatches of one side, in the seeded order, with word dropout as given. */
    static JavaRDD<MultiDataSet> batches(CaptionConfig config, CaptionVocabulary vocabulary,
                                         JavaRDD<CaptionedImage> images, int partitions, double wordDropout) {
        CaptionConfig.Data d = config.data();
        return images.flatMapToPair(new CaptionBatches.Pairs(vocabulary, d.maxCaptionLength(),
                        config.training().seed(), wordDropout)).sortByKey(true, partitions).values()
                .mapPartitions(new CaptionBatches.ToBatches(config.training().batchSizePerWorker(), d.channels(),
                        d.imageHeight(), d.imageWidth()));
    }

    /** Words predicted per training caption (its words, cut as trained, and the end): the loss's scale. */
    private static double meanWords(CaptionConfig config, JavaRDD<CaptionedImage> train) {
        CaptionConfig.Data d = config.data();
        return train.flatMap(i -> i.captions().iterator())
                .mapToDouble(c -> 1 + Math.min(d.maxCaptionLength(), CaptionVocabulary.words(c, d.lowercase()).size()))
                .mean();
    }

    /** The epochs, through the shared training loop, with the held-out loss as configured. */
    private static TrainingState train(JobContext<CaptionConfig> job, Fit fit, BatchFiles files,
                                       JavaRDD<MultiDataSet> heldOut, List<CaptionSummary.EpochPoint> curve,
                                       TrainingState saved, Training training) throws IOException {
        CaptionConfig config = job.config();
        int every = config.eval().everyEpochs();
        ConsoleProgress console = new ConsoleProgress("", new ConsoleProgress.Units("captions", 1, ""),
                config.training().epochs(), files.examples(), config.training().timeLimitMinutes() * 60, 10);
        int rounds = new RoundSchedule(files.files(), job.workers(), config.training().averagingFrequency(),
                config.training().seed(), 1).rounds();
        TrainingLoop loop = new TrainingLoop(fit, files, training, config.checkpoint(), job.checkpoints(),
                job.configText(), console, (epoch, state) -> {
                    double loss = state.roundsOf(epoch).stream().mapToDouble(RoundStats::loss).average()
                            .orElse(Double.NaN);
                    curve.removeIf(p -> p.epoch() == epoch);
                    boolean last = epoch == config.training().epochs();
                    double held = (every > 0 && epoch % every == 0) || last
                            ? heldOutLoss(job, (ComputationGraph) fit.model(), heldOut) : Double.NaN;
                    curve.add(new CaptionSummary.EpochPoint(epoch, loss, held));
                    LOG.info("epoch {}: training loss {} nats/word, held-out loss {} nats/word", epoch,
                            fmt(loss), fmt(held));
                }, () -> Map.of(CURVE, Json.STATE.writeValueAsBytes(curve)));
        return loop.run(saved != null ? saved
                : TrainingState.start(rounds, job.workers(), files, config.training().seed()));
    }

    private static double heldOutLoss(JobContext<CaptionConfig> job, ComputationGraph graph,
                                      JavaRDD<MultiDataSet> heldOut) {
        Broadcast<byte[]> model = job.sc().broadcast(ModelBytes.toBytes(graph));
        try {
            LossTotals t = heldOut.mapPartitions(new CaptionScoring.HeldOutLoss(model))
                    .fold(new LossTotals(), LossTotals::merge);
            return t.tokens == 0 ? Double.NaN : t.nats / t.tokens;
        } finally {
            model.destroy();
        }
    }

    private static List<CaptionSummary.EpochPoint> curve(CheckpointStore.Checkpoint from) throws IOException {
        return Json.STATE.readValue(from.entry(CURVE), new TypeReference<List<CaptionSummary.EpochPoint>>() { });
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
