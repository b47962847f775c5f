package io.sparkrnn.config;

import java.io.Serializable;
import java.util.List;

/**
 * The whole, validated configuration of a language-model run. It is built once on the driver
 * by {@link LmConfigLoader} before Spark starts, is immutable, and is the only place the
 * pipeline reads settings from, so a run is fully described by it (it is written beside the
 * model as {@code config.conf}).
 */
public record LmConfig(Data data, Model model, Training training, Eval eval, Output output,
                       Checkpoint checkpoint) implements Serializable {

    /** Token granularity of the language model. */
    public enum Level { CHAR, WORD }

    /** Recurrent cell of every layer: long short-term memory, Elman simple RNN, gated recurrent unit. */
    public enum Cell { LSTM, RNN, GRU }

    /**
     * Which layer computes {@code cell = lstm}: the project's fused layer (same cell and
     * parameters, a few large matrix products per sequence) or DL4J's own LSTM layer.
     */
    public enum LstmImplementation { FUSED, DL4J }

    /** Optimiser of the gradient steps each worker takes between averagings. */
    public enum Updater { ADAM, RMSPROP, SGD, NESTEROVS }

    /** How {@code training.gradient-clip} applies. */
    public enum ClipMode { VALUE, NORM }

    /** The corpus and how it is cut into training sequences. */
    public record Data(List<String> input, Level level, double validationFraction,
                       int sequenceLength, int validationContext, int minPartitions, int maxVocab, int minCount,
                       boolean lowercase) implements Serializable {
        public Data {
            input = List.copyOf(input);
        }
    }

    /** Network shape. */
    public record Model(Cell cell, int layers, int hiddenSize, int embeddingSize, double dropout,
                        int tbpttLength, LstmImplementation lstmImplementation, double recurrentDropout)
            implements Serializable {
        /** A model whose LSTM layers, if any, are the fused ones. */
        public Model(Cell cell, int layers, int hiddenSize, int embeddingSize, double dropout, int tbpttLength) {
            this(cell, layers, hiddenSize, embeddingSize, dropout, tbpttLength, LstmImplementation.FUSED);
        }

        /** A model without dropout on the recurrent weights. */
        public Model(Cell cell, int layers, int hiddenSize, int embeddingSize, double dropout, int tbpttLength,
                     LstmImplementation lstmImplementation) {
            this(cell, layers, hiddenSize, embeddingSize, dropout, tbpttLength, lstmImplementation, 0);
        }

        /** The same network with another recurrent cell. */
        public Model withCell(Cell other) {
            return new Model(other, layers, hiddenSize, embeddingSize, dropout, tbpttLength, lstmImplementation,
                    recurrentDropout);
        }

        /** Whether tokens enter the first layer as one-hot vectors rather than an embedding. */
        public boolean oneHotInput() {
            return embeddingSize == 0;
        }
    }

    /** Distributed training with parameter averaging. */
    public record Training(int epochs, double timeLimitMinutes, int workers,
                           int batchSizePerWorker, int averagingFrequency, int prefetchBatches,
                           Updater updater, double learningRate, double learningRateDecay,
                           double gradientClip, ClipMode gradientClipMode, double l2, long seed,
                           int averageRounds)
            implements Serializable {
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
    }

    /** What is measured and shown after each epoch. */
    public record Eval(int sampleLength, String samplePrime, double sampleTemperature)
            implements Serializable {
    }

    /** Where results go. */
    public record Output(String path, String workDir, boolean keepWork, boolean overwrite,
                         boolean trainingStats) implements Serializable {
        /** The folder for exported batches: {@code work-dir}, or {@code <path>/_work}. */
        public String resolvedWorkDir() {
            return workDir.isEmpty() ? stripSlash(path) + "/_work" : stripSlash(workDir);
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** How often training state is saved so that a killed run can continue. */
    public record Checkpoint(int everyRounds, int keep) implements Serializable {
    }
}
