package io.sparkrnn.lm;

import io.sparkrnn.core.train.ModelBytes;

import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.DistributedTrainer;
import io.sparkrnn.core.train.RoundStats;

import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.stats.LossTotals;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The epochs of a language-model run, from wherever its state says it stands: averaging rounds
 * on Spark, an evaluation and a sample after every epoch, and a checkpoint every
 * {@code checkpoint.every-rounds} rounds and after every evaluation. A fresh run and a resumed
 * one go through the same code; only the starting state differs.
 */
final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    private static final Logger PROGRESS = LoggerFactory.getLogger("io.sparkrnn.progress");

    /** Saves a checkpoint of the trainer's network with the given state. */
    interface Checkpointer {
        void save(TrainingState state, MultiLayerNetwork net) throws IOException;
    }

    private final LmConfig config;
    private final JavaSparkContext sc;
    private final DistributedTrainer trainer;
    private final BatchFiles train;
    private final BatchFiles validation;
    private final TokenBatchLoader loader;
    private final Vocabulary vocabulary;
    private final double validationTokensPerCharacter;
    private final ConsoleProgress console;
    private final double bigramNats;
    private final Checkpointer checkpointer;
    /** Position, time and epoch history; its round history is brought up to date from {@link #rounds} when needed. */
    private TrainingState state;
    /** Every round so far, appended to in place: copying it into the state each round would cost O(rounds^2). */
    private final List<RoundStats> rounds = new ArrayList<>();
    private double checkpointSeconds;

    TrainingLoop(LmConfig config, JavaSparkContext sc, DistributedTrainer trainer, BatchFiles train,
                 BatchFiles validation, TokenBatchLoader loader, Vocabulary vocabulary,
                 double validationTokensPerCharacter, double bigramNats, ConsoleProgress console,
                 Checkpointer checkpointer) {
        this.config = config;
        this.sc = sc;
        this.trainer = trainer;
        this.train = train;
        this.validation = validation;
        this.loader = loader;
        this.vocabulary = vocabulary;
        this.validationTokensPerCharacter = validationTokensPerCharacter;
        this.bigramNats = bigramNats;
        this.console = console;
        this.checkpointer = checkpointer;
    }

    /** Seconds spent writing checkpoints. */
    double checkpointSeconds() {
        return checkpointSeconds;
    }

    /**
     * Trains from {@code start} until the configured epochs are done or the time limit is
     * reached, and returns the final state.
     */
    TrainingState run(TrainingState start) throws IOException {
        state = start;
        rounds.clear();
        rounds.addAll(start.rounds());
        trainer.resumeAt(start.trainingSeconds());
        double limit = config.training().timeLimitMinutes() * 60;
        int everyRounds = config.checkpoint().everyRounds();
        int firstEpoch = start.nextEpoch();
        boolean stopped = false;
        for (int epoch = firstEpoch; epoch <= config.training().epochs() && !stopped; epoch++) {
            int firstRound = epoch == firstEpoch ? start.nextRound() : 0;
            List<RoundStats> done = trainer.epoch(train, epoch, firstRound, limit, r -> {
                rounds.add(r);
                state = state.withPosition(r.epoch(), r.round(), trainer.trainingSeconds());
                console.roundDone(r);
                if (everyRounds > 0 && r.round() % everyRounds == 0 && r.round() < r.roundsInEpoch()) {
                    checkpoint();
                }
            });
            int epochNumber = epoch;
            boolean evaluated = state.epochs().stream().anyMatch(m -> m.epoch() == epochNumber);
            int epochRounds = roundsOf(epoch).size();
            stopped = epochRounds < start.roundsInEpoch();
            if (epochRounds == 0 || (done.isEmpty() && evaluated)) {
                break;
            }
            evaluate(epoch);
            checkpoint();
        }
        return current();
    }

    /** The state with the round history up to date. */
    private TrainingState current() {
        state = state.withRounds(rounds);
        return state;
    }

    private List<RoundStats> roundsOf(int epoch) {
        return rounds.stream().filter(r -> r.epoch() == epoch).toList();
    }

    private void evaluate(int epoch) {
        MultiLayerNetwork net = trainer.model();
        long t0 = System.nanoTime();
        LossTotals totals = ModelEvaluator.evaluate(sc, net, validation, loader, state.workers());
        Double unaveraged = trainer.average() == null ? null
                : ModelEvaluator.evaluate(sc, trainer.network(), validation, loader, state.workers()).meanNats();
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        String sample = sample(net, epoch);
        double sampleSeconds = (System.nanoTime() - t0) / 1e9;
        List<RoundStats> epochRounds = roundsOf(epoch);
        EpochMetrics metrics = new EpochMetrics(epoch, epochRounds.size(), state.roundsInEpoch(),
                epochRounds.stream().mapToDouble(RoundStats::loss).average().orElse(Double.NaN),
                totals.meanNats(), totals.accuracy(), totals.tokens, validationTokensPerCharacter,
                rounds.stream().mapToLong(RoundStats::tokens).sum(), trainer.trainingSeconds(), evalSeconds,
                sample, unaveraged);
        state = state.withEpoch(metrics, evalSeconds, sampleSeconds);
        epochDone(metrics);
        LOG.info("Sample after epoch {}:\n{}{}", epoch, config.eval().samplePrime(), sample);
    }

    private void checkpoint() {
        long t0 = System.nanoTime();
        try {
            checkpointer.save(current(), trainer.network());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write a checkpoint: " + e.getMessage(), e);
        }
        checkpointSeconds += (System.nanoTime() - t0) / 1e9;
    }

    private String sample(MultiLayerNetwork net, int epoch) {
        // A copy: generation changes the stored RNN state, and the training copy's buffers
        // belong to Spark's last round (see README, "Build notes").
        MultiLayerNetwork copy = ModelBytes.fromBytes(ModelBytes.toBytes(net));
        return new TextGenerator(copy, vocabulary, config.model().oneHotInput()).generate(
                config.eval().samplePrime(), config.eval().sampleLength(), config.eval().sampleTemperature(),
                new Random(config.training().seed() + epoch));
    }

    /** The summary line after an epoch's evaluation. */
    private void epochDone(EpochMetrics m) {
        PROGRESS.info(String.format(Locale.ROOT,
                "epoch %d/%d done%s: training loss %.3f, validation %.3f nats/token (%.3f bits/char, "
                        + "perplexity %.2f, accuracy %.1f%%)%s; bigram baseline %.3f",
                m.epoch(), config.training().epochs(), m.complete() ? "" : " (stopped by the time limit)", m.trainLoss(),
                m.validationLoss(), m.bitsPerCharacter(), m.perplexity(), 100 * m.accuracy(),
                m.unaveragedLoss() == null ? ""
                        : String.format(Locale.ROOT, " for the weight average, %.3f for the last round's weights",
                        m.unaveragedLoss()),
                bigramNats));
    }

}
