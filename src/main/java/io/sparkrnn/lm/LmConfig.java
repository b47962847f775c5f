package io.sparkrnn.lm;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;
import io.sparkrnn.nn.LstmImplementation;

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
