package io.sparkrnn.core.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code training} section every job shares: distributed training with DL4J's parameter
 * averaging (how many replicas, how large their minibatches, how often they are averaged) and
 * the optimiser each replica runs between averagings.
 *
 * @param averageRounds time constant of the weight average in averaging rounds (0 = none)
 */
public record Training(int epochs, double timeLimitMinutes, int workers, int batchSizePerWorker,
                       int averagingFrequency, int prefetchBatches, Updater updater, double learningRate,
                       double learningRateDecay, double gradientClip, ClipMode gradientClipMode, double l2,
                       long seed, int averageRounds) implements Serializable {

    /** Optimiser of the gradient steps each worker takes between averagings. */
    public enum Updater { ADAM, RMSPROP, SGD, NESTEROVS }

    /** How {@code training.gradient-clip} applies. */
    public enum ClipMode { VALUE, NORM }

    /** Without a weight average ({@code training.average-rounds = 0}). */
    public Training(int epochs, double timeLimitMinutes, int workers, int batchSizePerWorker,
                    int averagingFrequency, int prefetchBatches, Updater updater, double learningRate,
                    double learningRateDecay, double gradientClip, ClipMode gradientClipMode, double l2,
                    long seed) {
        this(epochs, timeLimitMinutes, workers, batchSizePerWorker, averagingFrequency, prefetchBatches,
                updater, learningRate, learningRateDecay, gradientClip, gradientClipMode, l2, seed, 0);
    }

    /** The same settings with a weight average of the given time constant (0 = none). */
    public Training withAverageRounds(int rounds) {
        return new Training(epochs, timeLimitMinutes, workers, batchSizePerWorker, averagingFrequency,
                prefetchBatches, updater, learningRate, learningRateDecay, gradientClip, gradientClipMode, l2,
                seed, rounds);
    }

    /** Reads the section's shared keys, recording every problem in {@code r}. */
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
                r.longValue("training.seed"));
    }

    /** The shared keys as a map for {@link ConfigLayers#render}. */
    public Map<String, Object> toMap() {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", epochs);
        training.put("time-limit-minutes", timeLimitMinutes);
        training.put("workers", workers);
        training.put("batch-size-per-worker", batchSizePerWorker);
        training.put("averaging-frequency", averagingFrequency);
        training.put("prefetch-batches", prefetchBatches);
        training.put("updater", ConfigReader.configName(updater));
        training.put("learning-rate", learningRate);
        training.put("learning-rate-decay", learningRateDecay);
        training.put("gradient-clip", gradientClip);
        training.put("gradient-clip-mode", ConfigReader.configName(gradientClipMode));
        training.put("l2", l2);
        training.put("seed", seed);
        return training;
    }
}
