package io.sparkrnn.seq2seq;

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
 * The sequence-to-sequence task (the lecture's encoder-decoder on text, for example spelling to
 * pronunciation): reads and parses the pairs on Spark, splits them by word, numbers the source
 * and target tokens of the training pairs, trains the graph with teacher forcing and parameter
 * averaging while following the held-out loss per token, then transduces the test words on the
 * executors (greedy and beam search) and scores them against the nearest-spelling baseline
 * ({@link Seq2SeqEvaluation}). The skeleton does the rest ({@link JobRunner}).
 */
public final class Seq2SeqJob extends Task<Seq2SeqConfig, Seq2SeqSummary> {
    static final TaskInfo INFO = new TaskInfo("train-seq2seq", "sequence to sequence", List.of(
            "Trains an encoder-decoder (recurrent encoder, its final outputs fed with every step of an LSTM, GRU or "
                    + "simple RNN decoder trained with teacher forcing) on pairs of token sequences, such as words and "
                    + "their pronunciations, with Spark and DL4J parameter averaging; transduces the held-out test "
                    + "words with greedy and beam search, scores them (word and phoneme error rate) against the "
                    + "pronunciation of the nearest training spelling, and writes model.zip with seq2seq.json (token "
                    + "lists and shapes), the test outputs (CSV and Parquet), metrics.json, run.json and report.html "
                    + "under --output."),
            "conf/g2p-cmudict.conf");
    /** The checkpoint entry holding the learning curve so far. */
    static final String CURVE = "curve.json";
    private static final Logger LOG = LoggerFactory.getLogger(Seq2SeqJob.class);

    public Seq2SeqJob() {
        super(INFO, Seq2SeqConfig.LOADER, Seq2SeqConfig.RESUMABLE_CHANGES);
    }

    /** Runs a sequence-to-sequence job from the start. */
    public static Seq2SeqSummary run(Seq2SeqConfig config, JavaSparkContext sc) throws IOException {
        return JobRunner.run(new Seq2SeqJob(), config, sc, false);
    }

    @Override
    public Outputs outputs(Seq2SeqSummary r) {
        return new Outputs(Seq2SeqJson.metrics(r), Seq2SeqJson.details(r), Seq2SeqReport.page(r), r.outcome());
    }

    @Override
    public Seq2SeqSummary run(JobContext<Seq2SeqConfig> job) throws IOException {
        Seq2SeqConfig config = job.config();
        Seq2SeqData data = Seq2SeqData.read(job);
        job.phases().end("read, parse and split");
        CheckpointStore.Checkpoint from = job.resumeFrom().orElse(null);
        TrainingLoop.Saved saved = from == null ? null : TrainingLoop.saved(from);
        ComputationGraph graph = saved != null ? ModelBytes.graphFromBytes(saved.model())
                : Seq2SeqNetwork.create(config, data.sources().size(), data.targets().size());
        LOG.info("Model: {} ({} parameters)", Seq2SeqConfig.describe(config),
                String.format(Locale.ROOT, "%,d", graph.numParams()));
        Seq2SeqTraining training = new Seq2SeqTraining(job, data, saved == null ? null : saved.state(),
                from == null ? List.of() : curve(from));
        Fit fit = training.run(graph, saved);
        job.phases().end("training");
        ComputationGraph trained = (ComputationGraph) fit.model();
        Seq2SeqEvaluation.Result evaluated = Seq2SeqEvaluation.run(job, trained, data);
        job.phases().end("transduce and baseline");
        TrainingState end = training.end();
        boolean stopped = training.curve().size() < config.training().epochs()
                || end.roundsDone() < end.roundsInEpoch();
        return new Seq2SeqSummary(config, data.counts(), data.sources().size(), data.targets().size(),
                graph.numParams(), training.curve(), training.heldOutSide(), evaluated.errors(),
                evaluated.beamDiffers(), evaluated.examples(), fit.trainingSeconds(), evaluated.decodeSeconds(),
                stopped, job.workers(), from == null ? "" : from.uri());
    }

    private static List<Seq2SeqSummary.EpochPoint> curve(CheckpointStore.Checkpoint from) throws IOException {
        return Json.STATE.readValue(from.entry(CURVE), new TypeReference<List<Seq2SeqSummary.EpochPoint>>() { });
    }
}
