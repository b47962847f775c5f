package io.sparkrnn.caption;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.job.JobRunner;
import io.sparkrnn.core.job.Outputs;
import io.sparkrnn.core.job.Task;
import io.sparkrnn.core.job.TaskInfo;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

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
        int words = data.vocabulary().size();
        KerasEncoder pretrained = config.model().kerasFile() == null ? null
                : KerasEncoder.read(job.storage(), config.model().kerasFile(), config.model().kerasLayer());
        int freeze = pretrained == null ? 0 : Math.min(config.model().freezeEpochs(), config.training().epochs());
        boolean frozenNow = freeze > 0 && (saved == null || saved.state().nextEpoch() <= freeze);
        ComputationGraph savedGraph = saved == null ? null : ModelBytes.graphFromBytes(saved.model());
        ComputationGraph graph = savedGraph != null && !frozenNow ? savedGraph
                : CaptionNetwork.create(config, words, pretrained, frozenNow);
        if (pretrained != null && !frozenNow && savedGraph != null && CaptionNetwork.isHeadless(savedGraph)) {
            // resumed from the end of the frozen epochs: the checkpoint holds the decoder alone
            graph = CaptionNetwork.unfrozen(config, words, pretrained, savedGraph);
        }
        LOG.info("Model: {}, {} words ({} parameters)", CaptionConfig.describe(config), words,
                String.format(Locale.ROOT, "%,d", graph.numParams()));
        CaptionTraining training = new CaptionTraining(job, data, saved == null ? null : saved.state(),
                from == null ? List.of() : curve(from));
        Fit fit;
        if (frozenNow) {
            ComputationGraph head = savedGraph == null ? null : !CaptionNetwork.isHeadless(savedGraph)
                    ? CaptionNetwork.withDecoderOf(CaptionNetwork.headless(config, words,
                            FrozenFeatures.shape(pretrained, config.data())), savedGraph)
                    : savedGraph;
            fit = training.frozen(pretrained, head, freeze, saved);
            if (freeze < config.training().epochs()) {
                LOG.info("Epoch {} done: the pretrained encoder now trains with the decoder", freeze);
                fit = training.all(CaptionNetwork.unfrozen(config, words, pretrained,
                        (ComputationGraph) fit.model()), null);
            }
        } else {
            fit = training.all(graph, saved);
        }
        job.phases().end("training");
        ComputationGraph last = (ComputationGraph) fit.model();
        // frozen to the end, the decoder trained alone: the whole graph gets what it learnt
        ComputationGraph trained = CaptionNetwork.isHeadless(last) ? CaptionNetwork.withDecoderOf(graph, last) : last;
        CaptionEvaluation.Result evaluated = CaptionEvaluation.run(job, trained, data);
        job.phases().end("captions and baselines");
        TrainingState end = training.end();
        boolean stopped = training.curve().size() < config.training().epochs()
                || end.roundsDone() < end.roundsInEpoch();
        return new CaptionSummary(config, data.counts(), words, graph.numParams(), training.curve(),
                training.heldOutSide(), evaluated.scores(), evaluated.frequent(), evaluated.gallery(),
                evaluated.errors(), fit.trainingSeconds(), stopped, job.workers(), from == null ? "" : from.uri());
    }

    private static List<CaptionSummary.EpochPoint> curve(CheckpointStore.Checkpoint from) throws IOException {
        return Json.STATE.readValue(from.entry(CURVE), new TypeReference<List<CaptionSummary.EpochPoint>>() { });
    }
}
