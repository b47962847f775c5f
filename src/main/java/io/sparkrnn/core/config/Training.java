package io.sparkrnn.core.config;

import java.io.Serializable;

/**
 * The {@code training} section every job shares ({@code core/config/training.conf}):
 * distributed training with DL4J's parameter averaging (how many replicas, how large their
 * minibatches, how often they are averaged), the optimiser each replica runs between
 * averagings, and the weight average of the rounds.
 *
 * <p>Code that builds networks without a job file (tests, demonstrations, the benchmark) starts
 * from {@link #defaults()} and names what it changes: {@code Training.defaults().withEpochs(3)}.
 *
 * @param averageRounds time constant of the weight average in averaging rounds (0 = none)
 */
public record Training(int epochs, double timeLimitMinutes, int workers, int batchSizePerWorker,
                       int averagingFrequency, int prefetchBatches, Updater updater, double learningRate,
                       double learningRateDecay, double gradientClip, ClipMode gradientClipMode, double l2,
                       long seed, int averageRounds) implements Serializable {
    /** The shared section's resource, included by every job's defaults. */
    public static final String RESOURCE = "io/sparkrnn/core/config/training.conf";

    /** Optimiser of the gradient steps each worker takes between averagings. */
    public enum Updater { ADAM, RMSPROP, SGD, NESTEROVS }

    /** How {@code training.gradient-clip} applies. */
    public enum ClipMode { VALUE, NORM }

    /** The shared section's defaults, as {@code core/config/training.conf} states them. */
    public static Training defaults() {
        ConfigReader r = new ConfigReader(ConfigLayers.defaults(RESOURCE));
        Training t = read(r);
        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return t;
    }

    /** Reads the section, recording every problem in {@code r}. */
    public static Training read(ConfigReader r) {
        return new Training(
                r.intAtLeast("training.epochs", 1),
                r.number("training.time-limit-minutes", 0, true, Double.POSITIVE_INFINITY, false),
                r.intAtLeast("training.workers", 0),
                r.intAtLeast("training.batch-size-per-worker", 1),
                r.intAtLeast("training.averaging-frequency", 1),
                r.intAtLeast("training.prefetch-batches", 0),
                r.choice("training.updater", Updater.class),
                r.number("training.learning-rate", 0, false, Double.POSITIVE_INFINITY, false),
                r.number("training.learning-rate-decay", 0, false, 1, true),
                r.number("training.gradient-clip", 0, true, Double.POSITIVE_INFINITY, false),
                r.choice("training.gradient-clip-mode", ClipMode.class),
                r.number("training.l2", 0, true, Double.POSITIVE_INFINITY, false),
                r.longValue("training.seed"),
                r.intAtLeast("training.average-rounds", 0));
    }

    public Training withEpochs(int v) {
        return Records.with(this, "epochs", v);
    }

    public Training withTimeLimitMinutes(double v) {
        return Records.with(this, "timeLimitMinutes", v);
    }

    public Training withWorkers(int v) {
        return Records.with(this, "workers", v);
    }

    public Training withBatchSizePerWorker(int v) {
        return Records.with(this, "batchSizePerWorker", v);
    }

    public Training withAveragingFrequency(int v) {
        return Records.with(this, "averagingFrequency", v);
    }

    public Training withPrefetchBatches(int v) {
        return Records.with(this, "prefetchBatches", v);
    }

    public Training withUpdater(Updater v) {
        return Records.with(this, "updater", v);
    }

    public Training withLearningRate(double v) {
        return Records.with(this, "learningRate", v);
    }

    public Training withLearningRateDecay(double v) {
        return Records.with(this, "learningRateDecay", v);
    }

    /** Clipping threshold and mode (threshold 0: no clipping). */
    public Training withGradientClip(double v, ClipMode mode) {
        return Records.with(Records.with(this, "gradientClip", v), "gradientClipMode", mode);
    }

    public Training withL2(double v) {
        return Records.with(this, "l2", v);
    }

    public Training withSeed(long v) {
        return Records.with(this, "seed", v);
    }

    public Training withAverageRounds(int v) {
        return Records.with(this, "averageRounds", v);
    }
}
