package io.sparkrnn.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.stats.LossTotals;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.core.train.RoundStats;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The language model's evaluation after every epoch, its part of the training loop: the
 * validation loss and accuracy on Spark (of the weight average, and of the last round's
 * parameters beside it when there is one), a text sample, and the epoch's line on the console.
 * Its history travels in every checkpoint ({@link #ENTRY}) so a resumed run's report shows
 * every epoch.
 */
final class LmEpochs implements TrainingLoop.EpochEnd {
    /** The checkpoint entry holding the history. */
    static final String ENTRY = "epochs.json";
    private static final Logger LOG = LoggerFactory.getLogger(LmEpochs.class);
    private static final Logger PROGRESS = LoggerFactory.getLogger("io.sparkrnn.progress");

    /** What is saved: the evaluations so far and the time they took. */
    record History(List<EpochMetrics> epochs, double evaluationSeconds, double samplingSeconds) {
        History {
            epochs = List.copyOf(epochs);
        }
    }

    private final LmConfig config;
    private final JavaSparkContext sc;
    private final Fit fit;
    private final BatchFiles validation;
    private final int trainSequenceLength;
    private final TokenBatchLoader loader;
    private final Vocabulary vocabulary;
    private final double validationTokensPerCharacter;
    private final double bigramNats;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private double evaluationSeconds;
    private double samplingSeconds;

    /**
     * @param trainSequenceLength tokens of each training example, to count the tokens trained
     * @param resumed             the history of the run a resumed one continues, or null
     */
    LmEpochs(LmConfig config, JavaSparkContext sc, Fit fit, BatchFiles validation, int trainSequenceLength,
             TokenBatchLoader loader, Vocabulary vocabulary, double validationTokensPerCharacter, double bigramNats,
             History resumed) {
        this.config = config;
        this.sc = sc;
        this.fit = fit;
        this.validation = validation;
        this.trainSequenceLength = trainSequenceLength;
        this.loader = loader;
        this.vocabulary = vocabulary;
        this.validationTokensPerCharacter = validationTokensPerCharacter;
        this.bigramNats = bigramNats;
        if (resumed != null) {
            epochs.addAll(resumed.epochs());
            evaluationSeconds = resumed.evaluationSeconds();
            samplingSeconds = resumed.samplingSeconds();
        }
    }

    @Override
    public void epochDone(int epoch, TrainingState state) {
        MultiLayerNetwork net = (MultiLayerNetwork) fit.model();
        long t0 = System.nanoTime();
        LossTotals totals = ModelEvaluator.evaluate(sc, net, validation, loader, state.workers());
        Double unaveraged = fit.average() == null ? null : ModelEvaluator.evaluate(sc,
                (MultiLayerNetwork) fit.network(), validation, loader, state.workers()).meanNats();
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        String sample = sample(net, epoch);
        double sampleSeconds = (System.nanoTime() - t0) / 1e9;
        List<RoundStats> epochRounds = state.roundsOf(epoch);
        long trainedTokens = state.rounds().stream().mapToLong(RoundStats::examples).sum()
                * trainSequenceLength;
        EpochMetrics metrics = new EpochMetrics(epoch, epochRounds.size(), state.roundsInEpoch(),
                epochRounds.stream().mapToDouble(RoundStats::loss).average().orElse(Double.NaN),
                totals.meanNats(), totals.accuracy(), totals.tokens, validationTokensPerCharacter,
                trainedTokens, fit.trainingSeconds(), evalSeconds, sample, unaveraged);
        epochs.removeIf(m -> m.epoch() == epoch); // a resumed partial epoch evaluated again
        epochs.add(metrics);
        evaluationSeconds += evalSeconds;
        samplingSeconds += sampleSeconds;
        line(metrics);
        LOG.info("Sample after epoch {}:\n{}{}", epoch, config.eval().samplePrime(), sample);
    }

    List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    double evaluationSeconds() {
        return evaluationSeconds;
    }

    double samplingSeconds() {
        return samplingSeconds;
    }

    byte[] toJson() {
        return toJson(new History(epochs, evaluationSeconds, samplingSeconds));
    }

    static byte[] toJson(History history) {
        try {
            return Json.STATE.writeValueAsBytes(history);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static History fromJson(byte[] json, String origin) {
        try {
            return Json.STATE.readValue(json, History.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(origin + ": not an evaluation history written by this job: "
                    + e.getMessage(), e);
        }
    }

    private String sample(MultiLayerNetwork net, int epoch) {
        // A copy: generation changes the stored RNN state, and the training copy's buffers
        // belong to Spark's last round (docs/build.md).
        MultiLayerNetwork copy = ModelBytes.fromBytes(ModelBytes.toBytes(net));
        return new TextGenerator(copy, vocabulary, config.model().oneHotInput()).generate(
                config.eval().samplePrime(), config.eval().sampleLength(), config.eval().sampleTemperature(),
                new Random(config.training().seed() + epoch));
    }

    private void line(EpochMetrics m) {
        PROGRESS.info(String.format(Locale.ROOT,
                "epoch %d/%d done%s: training loss %.3f, validation %.3f nats/token (%.3f bits/char, "
                        + "perplexity %.2f, accuracy %.1f%%)%s; bigram baseline %.3f",
                m.epoch(), config.training().epochs(), m.complete() ? "" : " (stopped by the time limit)",
                m.trainLoss(), m.validationLoss(), m.bitsPerCharacter(), m.perplexity(), 100 * m.accuracy(),
                m.unaveragedLoss() == null ? ""
                        : String.format(Locale.ROOT, " for the weight average, %.3f for the last round's weights",
                        m.unaveragedLoss()),
                bigramNats));
    }
}
