package io.sparkrnn.caption;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.stats.LossTotals;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.ExportBatches;
import io.sparkrnn.core.train.HeldOutLoss;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.core.train.RoundSchedule;
import io.sparkrnn.core.train.RoundStats;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import io.sparkrnn.core.train.WeightAverage;
import org.apache.spark.api.java.JavaRDD;
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
 * The training epochs of one captioning run, in one or two phases that share a learning curve
 * and a training state: while a pretrained encoder is frozen, the decoder alone on the encoder's
 * outputs computed once ({@link FrozenFeatures}); otherwise the whole graph on the images. Each
 * phase exports its minibatches (the same pairs in the same seeded order, so the two phases'
 * files line up for the state and for {@code --resume}) and follows the held-out loss per word.
 */
final class CaptionTraining {
    private static final Logger LOG = LoggerFactory.getLogger(CaptionTraining.class);

    private final JobContext<CaptionConfig> job;
    private final CaptionData data;
    private final List<CaptionSummary.EpochPoint> curve;
    private final boolean validation;
    private final int partitions;
    private final double wordsPerCaption;
    private TrainingState end;

    /**
     * @param saved the state of the checkpoint resumed from, or null
     * @param curve the learning curve so far (empty unless resumed)
     */
    CaptionTraining(JobContext<CaptionConfig> job, CaptionData data, TrainingState saved,
                    List<CaptionSummary.EpochPoint> curve) {
        this.job = job;
        this.data = data;
        this.end = saved;
        this.curve = new ArrayList<>(curve);
        this.validation = data.counts().images().get("validation") > 0;
        this.partitions = saved != null ? saved.exportPartitions() : Math.max(1, job.sc().defaultParallelism());
        this.wordsPerCaption = meanWords(job.config(), data.train());
    }

    /**
     * The frozen epochs (up to {@code freeze}) of the decoder {@code head} (a new one when null) on
     * the outputs of the frozen {@code pretrained} encoder; returns the fit, whose model is the
     * {@link CaptionNetwork#headless} graph.
     */
    Fit frozen(KerasEncoder pretrained, ComputationGraph head, int freeze, TrainingLoop.Saved saved)
            throws IOException {
        CaptionConfig config = job.config();
        FrozenFeatures.Shape shape = FrozenFeatures.shape(pretrained, config.data());
        Broadcast<byte[]> encoder = job.sc().broadcast(ModelBytes.toBytes(
                FrozenFeatures.encoderGraph(config, pretrained)));
        try {
            JavaRDD<MultiDataSet> heldOut = batches(config, data.vocabulary(),
                    FrozenFeatures.encode(encoder, heldOutImages(), config.data()), partitions, shape)
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            LOG.info("The frozen encoder gives {} x {} x {} values per image, computed once for the frozen epochs",
                    shape.channels(), shape.height(), shape.width());
            ComputationGraph graph = head != null ? head
                    : CaptionNetwork.headless(config, data.vocabulary().size(), shape);
            return phase(graph, FrozenFeatures.encode(encoder, data.train(), config.data()), heldOut, shape,
                    "train-encoded", saved, config.training().withEpochs(freeze));
        } finally {
            encoder.destroy();
        }
    }

    /** The epochs that train the whole graph on the images, from where the state stands. */
    Fit all(ComputationGraph graph, TrainingLoop.Saved saved) throws IOException {
        CaptionConfig.Data d = job.config().data();
        FrozenFeatures.Shape shape = new FrozenFeatures.Shape(d.channels(), d.imageHeight(), d.imageWidth());
        JavaRDD<MultiDataSet> heldOut = batches(job.config(), data.vocabulary(), heldOutImages(), partitions,
                shape).persist(StorageLevel.MEMORY_AND_DISK_SER());
        return phase(graph, data.train(), heldOut, shape, "train", saved, job.config().training());
    }

    /** The training state after the last epoch trained. */
    TrainingState end() {
        return end;
    }

    /** The learning curve: training and held-out loss per epoch. */
    List<CaptionSummary.EpochPoint> curve() {
        return List.copyOf(curve);
    }

    /** Which side the held-out loss is measured on: "validation" when there is one, else "test". */
    String heldOutSide() {
        return validation ? "validation" : "test";
    }

    private JavaRDD<CaptionedImage> heldOutImages() {
        return validation ? data.validation() : data.test();
    }

    /** One phase: exports the training minibatches, trains, and releases {@code heldOut}. */
    private Fit phase(ComputationGraph graph, JavaRDD<CaptionedImage> trainImages,
                      JavaRDD<MultiDataSet> heldOut, FrozenFeatures.Shape shape, String dir,
                      TrainingLoop.Saved saved, Training training) throws IOException {
        CaptionConfig config = job.config();
        BatchFiles files = ExportBatches.multiDataSets(job.sc(), job.storage(), batches(config, data.vocabulary(),
                trainImages, partitions, shape), job.workDir() + "/" + dir,
                config.training().batchSizePerWorker(), 0);
        job.phases().end(dir.equals("train") ? "export minibatches"
                : "encode images with the frozen encoder and export minibatches");
        Fit fit = job.fit(graph, new SerializedMultiDataSetLoader(), wordsPerCaption);
        if (saved != null && saved.average() != null) {
            fit.resumeAverage(WeightAverage.fromBytes(config.training().averageRounds(), saved.average()));
        }
        end = train(fit, files, heldOut, training);
        heldOut.unpersist();
        return fit;
    }

    /** The (image, caption) minibatches of one side, in the seeded order. */
    static JavaRDD<MultiDataSet> batches(CaptionConfig config, CaptionVocabulary vocabulary,
                                         JavaRDD<CaptionedImage> images, int partitions,
                                         FrozenFeatures.Shape shape) {
        CaptionConfig.Data d = config.data();
        return images.flatMapToPair(new CaptionBatches.Pairs(vocabulary, d.maxCaptionLength(),
                        config.training().seed())).sortByKey(true, partitions).values()
                .mapPartitions(new CaptionBatches.ToBatches(config.training().batchSizePerWorker(), shape.channels(),
                        shape.height(), shape.width()));
    }

    /** Words predicted per training caption (its words, cut as trained, and the end): the loss's scale. */
    private static double meanWords(CaptionConfig config, JavaRDD<CaptionedImage> train) {
        CaptionConfig.Data d = config.data();
        return train.flatMap(i -> i.captions().iterator())
                .mapToDouble(c -> 1 + Math.min(d.maxCaptionLength(), CaptionVocabulary.words(c, d.lowercase()).size()))
                .mean();
    }

    /** The epochs, through the shared training loop, with the held-out loss as configured. */
    private TrainingState train(Fit fit, BatchFiles files, JavaRDD<MultiDataSet> heldOut, Training training)
            throws IOException {
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
                            ? heldOutLoss((ComputationGraph) fit.model(), heldOut) : Double.NaN;
                    curve.add(new CaptionSummary.EpochPoint(epoch, loss, held));
                    LOG.info("epoch {}: training loss {} nats/word, held-out loss {} nats/word", epoch,
                            fmt(loss), fmt(held));
                }, () -> Map.of(CaptionJob.CURVE, Json.STATE.writeValueAsBytes(curve)));
        return loop.run(end != null ? end
                : TrainingState.start(rounds, job.workers(), files, config.training().seed()));
    }

    private double heldOutLoss(ComputationGraph graph, JavaRDD<MultiDataSet> heldOut) {
        Broadcast<byte[]> model = job.sc().broadcast(ModelBytes.toBytes(graph));
        try {
            LossTotals t = heldOut.mapPartitions(new HeldOutLoss(model))
                    .fold(new LossTotals(), LossTotals::merge);
            return t.tokens == 0 ? Double.NaN : t.nats / t.tokens;
        } finally {
            model.destroy();
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
