package io.sparkrnn.lm;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.job.JobRunner;
import io.sparkrnn.core.job.Outputs;
import io.sparkrnn.core.job.Task;
import io.sparkrnn.core.job.TaskInfo;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.core.train.RoundSchedule;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import io.sparkrnn.core.train.WeightAverage;
import io.sparkrnn.nn.Cell;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language-model task (many-to-many aligned: every next token): prepares the corpus,
 * computes the baselines, trains with parameter averaging, evaluates and samples after every
 * epoch, measures how far back gradients reach, and saves the model with its vocabulary. A
 * resumed run continues from its newest checkpoint over the same batch files. The skeleton does
 * the rest ({@link JobRunner}).
 */
public final class LanguageModelJob extends Task<LmConfig, RunSummary> {
    static final TaskInfo INFO = new TaskInfo("train-lm", "language model", List.of(
            "Trains a recurrent language model (LSTM, GRU or simple RNN, character or word level) on a text corpus "
                    + "with Spark and DL4J parameter averaging, and writes the model, metrics.json, run.json and "
                    + "report.html under --output."), "conf/lm-quickstart.conf");
    private static final Logger LOG = LoggerFactory.getLogger(LanguageModelJob.class);

    /** Runs a language model from the start. */
    public static RunSummary run(LmConfig config, JavaSparkContext sc) throws IOException {
        return JobRunner.run(new LanguageModelJob(), config, sc, false);
    }


    /** What a checkpoint of this job gives a resumed run. */
    private record Resumed(String uri, TrainingLoop.Saved fit, LmEpochs.History history, String vocabulary) {
        static Resumed of(CheckpointStore.Checkpoint c) throws IOException {
            return new Resumed(c.uri(), TrainingLoop.saved(c), LmEpochs.fromJson(c.entry(LmEpochs.ENTRY), c.uri()),
                    new String(c.entry(ModelStore.VOCABULARY_FILE), StandardCharsets.UTF_8));
        }
    }

    public LanguageModelJob() {
        super(INFO, LmConfig.LOADER, LmConfig.RESUMABLE_CHANGES);
    }

    @Override
    public Outputs outputs(RunSummary r) {
        return new Outputs(MetricsJson.render(r), RunJson.details(r), HtmlReport.page(r), r.outcome());
    }

    @Override
    public RunSummary run(JobContext<LmConfig> job) throws IOException {
        LmConfig config = job.config();
        Resumed resumed = job.resumeFrom().isPresent() ? Resumed.of(job.resumeFrom().get()) : null;
        LOG.info("Language model job: {}", config.data().input());
        LmData data = LmData.prepare(job, resumed == null ? 0 : resumed.fit().state().exportPartitions());
        if (resumed != null) {
            data.checkSame(resumed.uri(), resumed.vocabulary(), resumed.fit().state());
        }
        int vocabularySize = data.vocabulary().size();
        MultiLayerNetwork net = resumed != null ? ModelBytes.fromBytes(resumed.fit().model())
                : ModelFactory.create(config.model(), config.training(), vocabularySize);
        LOG.info("Model: {} x {} {} ({} parameters), vocabulary {}", config.model().layers(),
                config.model().hiddenSize(), config.model().cell(), String.format(Locale.ROOT, "%,d", net.numParams()),
                vocabularySize);
        TokenBatchLoader loader = new TokenBatchLoader(vocabularySize, config.model().oneHotInput());
        DataSet probe = config.model().oneHotInput() && data.validation().files() > 0
                ? loader.prepare(readBatch(job, data.validation().path(0))) : null;
        List<GradientFlow.Profile> gradientFlow = new ArrayList<>();
        if (probe != null && resumed == null) {
            gradientFlow.addAll(initialGradients(config, net, vocabularySize, probe));
            job.phases().end("gradient flow");
        }
        Fit fit = job.fit(net, loader, timeSteps(config, data));
        if (resumed != null && fit.average() != null) {
            // training.average-rounds cannot change on resume, so a checkpoint of this run holds the entry.
            fit.resumeAverage(WeightAverage.fromBytes(config.training().averageRounds(), resumed.fit().average()));
        }
        LmEpochs epochs = new LmEpochs(config, job.sc(), fit, data.validation(), data.train().sequenceLength(), loader,
                data.vocabulary(), data.validationTokensPerCharacter(), data.baselines().bigramNats(),
                resumed == null ? null : resumed.history());
        TrainingState end = train(job, fit, data, epochs, resumed == null ? null : resumed.fit().state());
        return finish(job, fit, data, epochs, end, probe, gradientFlow, resumed == null ? "" : resumed.uri());
    }

    /** The epochs, through the shared training loop, with this job's evaluation and checkpoint entries. */
    private static TrainingState train(JobContext<LmConfig> job, Fit fit, LmData data, LmEpochs epochs,
                                       TrainingState saved) throws IOException {
        LmConfig config = job.config();
        double charsPerToken = (double) data.stats().trainCharacters() / data.stats().trainTokens();
        ConsoleProgress console = new ConsoleProgress("", new ConsoleProgress.Units("chars",
                data.train().sequenceLength() * charsPerToken, " nats/token"), config.training().epochs(),
                data.train().examples(), config.training().timeLimitMinutes() * 60, 10);
        int roundsInEpoch = new RoundSchedule(data.train().files(), job.workers(),
                config.training().averagingFrequency(), config.training().seed(), 1).rounds();
        TrainingState start = saved != null ? saved
                : TrainingState.start(roundsInEpoch, job.workers(), data.train(), config.training().seed());
        byte[] vocabularyJson = data.vocabulary().toJson().getBytes(StandardCharsets.UTF_8);
        TrainingLoop loop = new TrainingLoop(fit, data.train(), config.training(), config.checkpoint(),
                job.checkpoints(), job.configText(), console, epochs, () -> Map.of(
                ModelStore.VOCABULARY_FILE, vocabularyJson, LmEpochs.ENTRY, epochs.toJson()));
        job.phases().restart();
        TrainingState end = loop.run(start);
        if (epochs.epochs().isEmpty()) {
            throw new DataException("training.time-limit-minutes = " + config.training().timeLimitMinutes()
                    + " left no time for a single averaging round");
        }
        job.phases().add("training", fit.trainingSeconds());
        job.phases().add("evaluation", epochs.evaluationSeconds());
        job.phases().add("sampling", epochs.samplingSeconds());
        job.phases().add("checkpoints", loop.checkpointSeconds());
        job.phases().restart();
        return end;
    }

    /** Saves the model (the weight average when there is one) and gathers what the run reports. */
    private static RunSummary finish(JobContext<LmConfig> job, Fit fit, LmData data, LmEpochs epochs,
                                     TrainingState end, DataSet probe, List<GradientFlow.Profile> gradientFlow,
                                     String resumedFrom) throws IOException {
        LmConfig config = job.config();
        // With a weight average this builds the averaged copy: once, for both uses.
        MultiLayerNetwork model = (MultiLayerNetwork) fit.model();
        if (probe != null) {
            gradientFlow.add(GradientFlow.measure(config.model().cell().name().toLowerCase(Locale.ROOT) + " trained",
                    ModelBytes.fromBytes(ModelBytes.toBytes(model)), probe));
        }
        ModelStore.save(job.storage(), job.out().dir(), model, data.vocabulary());
        job.phases().end("writing the model");
        List<EpochMetrics> history = epochs.epochs();
        boolean stoppedByLimit = !history.get(history.size() - 1).complete();
        return new RunSummary(config, data.vocabulary().size(), data.stats(), data.baselines(), history, end.rounds(),
                job.workers(), stoppedByLimit, resumedFrom, gradientFlow);
    }

    /** The vanishing-gradient profile of every cell freshly initialised as this run's network. */
    private static List<GradientFlow.Profile> initialGradients(LmConfig config, MultiLayerNetwork net, int vocabulary,
                                                               DataSet probe) {
        List<GradientFlow.Profile> out = new ArrayList<>();
        for (Cell cell : Cell.values()) {
            MultiLayerNetwork fresh = cell == config.model().cell() ? net
                    : ModelFactory.create(config.model().withCell(cell), config.training(), vocabulary);
            out.add(GradientFlow.measure(cell.name().toLowerCase(Locale.ROOT) + " at initialisation", fresh, probe));
        }
        return out;
    }

    /** Time steps per score: the sequence length, or the truncated-BPTT length. */
    private static int timeSteps(LmConfig config, LmData data) {
        int length = data.train().sequenceLength();
        return config.model().tbpttLength() > 0 ? Math.min(config.model().tbpttLength(), length) : length;
    }

    /** One exported minibatch, read back from storage. */
    private static DataSet readBatch(JobContext<LmConfig> job, String uri) throws IOException {
        DataSet ds = new DataSet();
        try (InputStream in = job.storage().open(uri)) {
            ds.load(in);
        }
        return ds;
    }
}
