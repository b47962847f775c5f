package io.sparkrnn.seq2seq;

import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.stats.LossTotals;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.ExportBatches;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.HeldOutLoss;
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
 * The training epochs of one run: the teacher-forcing minibatches exported once (the training
 * pairs in a seeded order), the graph trained through the shared loop (parameter averaging,
 * checkpoints, {@code --resume}), the held-out loss per target token followed on the validation
 * pairs (the test pairs when there is no validation side).
 */
final class Seq2SeqTraining {
    private static final Logger LOG = LoggerFactory.getLogger(Seq2SeqTraining.class);

    private final JobContext<Seq2SeqConfig> job;
    private final Seq2SeqData data;
    private final List<Seq2SeqSummary.EpochPoint> curve;
    private TrainingState end;

    /**
     * @param saved the state of the checkpoint resumed from, or null
     * @param curve the learning curve so far (empty unless resumed)
     */
    Seq2SeqTraining(JobContext<Seq2SeqConfig> job, Seq2SeqData data, TrainingState saved,
                    List<Seq2SeqSummary.EpochPoint> curve) {
        this.job = job;
        this.data = data;
        this.end = saved;
        this.curve = new ArrayList<>(curve);
    }

    /** Exports the minibatches and trains {@code graph} from where the state stands. */
    Fit run(ComputationGraph graph, TrainingLoop.Saved saved) throws IOException {
        Seq2SeqConfig config = job.config();
        int partitions = end != null ? end.exportPartitions() : Math.max(1, job.sc().defaultParallelism());
        JavaRDD<MultiDataSet> heldOut = batches(config, data, heldOutPairs(), partitions)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        BatchFiles files = ExportBatches.multiDataSets(job.sc(), job.storage(),
                batches(config, data, data.train(), partitions), job.workDir() + "/train",
                config.training().batchSizePerWorker(), 0);
        job.phases().end("export minibatches");
        double tokensPerPair = 1 + data.train().mapToDouble(p -> p.target().size()).mean();
        Fit fit = job.fit(graph, new SerializedMultiDataSetLoader(), tokensPerPair);
        if (saved != null && saved.average() != null) {
            fit.resumeAverage(WeightAverage.fromBytes(config.training().averageRounds(), saved.average()));
        }
        end = train(fit, files, heldOut);
        heldOut.unpersist();
        return fit;
    }

    /** The training state after the last epoch trained. */
    TrainingState end() {
        return end;
    }

    List<Seq2SeqSummary.EpochPoint> curve() {
        return List.copyOf(curve);
    }

    /** Which side the held-out loss is measured on: "validation" when there is one, else "test". */
    String heldOutSide() {
        return data.counts().pairs().get("validation") > 0 ? "validation" : "test";
    }

    private JavaRDD<Pair> heldOutPairs() {
        return heldOutSide().equals("validation") ? data.validation()
                : data.test().flatMap(w -> w.references().stream()
                        .map(r -> new Pair(w.key(), w.source(), r, 1)).iterator());
    }

    /** The teacher-forcing minibatches of some pairs, in the seeded order. */
    static JavaRDD<MultiDataSet> batches(Seq2SeqConfig config, Seq2SeqData data, JavaRDD<Pair> pairs,
                                         int partitions) {
        return pairs.mapToPair(new TeacherForcing.Encode(data.sources(), data.targets(), config.training().seed()))
                .sortByKey(true, partitions).values()
                .mapPartitions(new TeacherForcing.ToBatches(config.training().batchSizePerWorker(),
                        config.model().bidirectional()));
    }

    private TrainingState train(Fit fit, BatchFiles files, JavaRDD<MultiDataSet> heldOut) throws IOException {
        Seq2SeqConfig config = job.config();
        int every = config.eval().everyEpochs();
        ConsoleProgress console = new ConsoleProgress("", new ConsoleProgress.Units("pairs", 1, ""),
                config.training().epochs(), files.examples(), config.training().timeLimitMinutes() * 60, 10);
        int rounds = new RoundSchedule(files.files(), job.workers(), config.training().averagingFrequency(),
                config.training().seed(), 1).rounds();
        TrainingLoop loop = new TrainingLoop(fit, files, config.training(), config.checkpoint(), job.checkpoints(),
                job.configText(), console, (epoch, state) -> {
                    double loss = state.roundsOf(epoch).stream().mapToDouble(RoundStats::loss).average()
                            .orElse(Double.NaN);
                    curve.removeIf(p -> p.epoch() == epoch);
                    boolean last = epoch == config.training().epochs();
                    double held = (every > 0 && epoch % every == 0) || last
                            ? heldOutLoss((ComputationGraph) fit.model(), heldOut) : Double.NaN;
                    curve.add(new Seq2SeqSummary.EpochPoint(epoch, loss, held));
                    LOG.info("epoch {}: training loss {} nats/token, held-out loss {} nats/token", epoch,
                            fmt(loss), fmt(held));
                }, () -> Map.of(Seq2SeqJob.CURVE, Json.STATE.writeValueAsBytes(curve)));
        return loop.run(end != null ? end
                : TrainingState.start(rounds, job.workers(), files, config.training().seed()));
    }

    private double heldOutLoss(ComputationGraph graph, JavaRDD<MultiDataSet> heldOut) {
        Broadcast<byte[]> model = job.sc().broadcast(ModelBytes.toBytes(graph));
        try {
            LossTotals t = heldOut.mapPartitions(new HeldOutLoss(model)).fold(new LossTotals(), LossTotals::merge);
            return t.tokens == 0 ? Double.NaN : t.nats / t.tokens;
        } finally {
            model.destroy();
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
