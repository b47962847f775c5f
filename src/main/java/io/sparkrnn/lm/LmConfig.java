package io.sparkrnn.lm;

import io.sparkrnn.core.config.Checkpoint;
import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.config.ConfigReader;
import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.JobConfigLoader;
import io.sparkrnn.core.config.Output;
import io.sparkrnn.core.config.Records;
import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;
import io.sparkrnn.nn.LstmImplementation;

import java.io.Serializable;
import java.util.List;

/**
 * The whole, validated configuration of a language-model run. It is built once on the driver
 * by {@link #LOADER} before Spark starts, is immutable, and is the only place the pipeline
 * reads settings from, so a run is fully described by it (it is written beside the model as
 * {@code config.conf}). The job's own sections are {@code data}, {@code model} and
 * {@code eval}; the others are the shared ones.
 */
public record LmConfig(Data data, Model model, Training training, Eval eval, Output output,
                       Checkpoint checkpoint) implements JobConfig, Serializable {
    /** Reads and checks the job's configuration from {@code lm/defaults.conf} and the user's layers. */
    public static final JobConfigLoader<LmConfig> LOADER = new JobConfigLoader<>("io/sparkrnn/lm/defaults.conf",
            LmConfig::read);

    /** Key prefixes a resumed run may change: how long it trains, what it samples, where and what it writes. */
    public static final List<String> RESUMABLE_CHANGES = List.of("training.epochs", "training.time-limit-minutes",
            "eval.", "output.", "checkpoint.");

    /** Token granularity of the language model. */
    public enum Level { CHAR, WORD }

    static LmConfig read(ConfigReader r) {
        Data data = Data.read(r);
        Model model = Model.read(r);
        if (model.tbpttLength() > data.sequenceLength()) {
            r.problem("model.tbptt-length", "expected at most data.sequence-length (" + data.sequenceLength()
                    + "), or 0 for full backpropagation through time");
        }
        return new LmConfig(data, model, Training.read(r), new Eval(r.intAtLeast("eval.sample-length", 0),
                r.string("eval.sample-prime"),
                r.number("eval.sample-temperature", 0, false, Double.POSITIVE_INFINITY, false)),
                Output.read(r), Checkpoint.read(r));
    }

    /** The corpus and how it is cut into training sequences. */
    public record Data(List<String> input, Level level, double validationFraction,
                       int sequenceLength, int validationContext, int minPartitions, int maxVocab, int minCount,
                       boolean lowercase) implements Serializable {
        public Data {
            input = List.copyOf(input);
        }

        static Data read(ConfigReader r) {
            List<String> input = r.stringList("data.input");
            if (input.isEmpty()) {
                r.missing("data.input", "expected the corpus: a file, folder or glob (any Hadoop URI)");
            }
            return new Data(input, r.choice("data.level", Level.class),
                    r.number("data.validation-fraction", 0, false, 0.5, false),
                    r.intAtLeast("data.sequence-length", 1),
                    r.intAtLeast("data.validation-context", 0),
                    r.intAtLeast("data.min-partitions", 0),
                    r.intAtLeast("data.max-vocab", 2),
                    r.intAtLeast("data.min-count", 1),
                    r.bool("data.lowercase"));
        }
    }

    /**
     * Network shape. Code that builds a network without a job file starts from
     * {@link #defaults()}: {@code Model.defaults().withCell(Cell.GRU).withHiddenSize(16)}.
     */
    public record Model(Cell cell, int layers, int hiddenSize, int embeddingSize, double dropout,
                        int tbpttLength, LstmImplementation lstmImplementation, double recurrentDropout)
            implements Serializable {

        /** The {@code model} section's defaults, as {@code lm/defaults.conf} states them. */
        public static Model defaults() {
            ConfigReader r = new ConfigReader(LOADER.defaults());
            Model m = read(r);
            if (!r.problems().isEmpty()) {
                throw new ConfigProblems(r.problems());
            }
            return m;
        }

        static Model read(ConfigReader r) {
            Model model = new Model(
                    r.choice("model.cell", Cell.class),
                    r.intInRange("model.layers", 1, 32),
                    r.intAtLeast("model.hidden-size", 1),
                    r.intAtLeast("model.embedding-size", 0),
                    r.number("model.dropout", 0, true, 1, false),
                    r.intAtLeast("model.tbptt-length", 0),
                    r.choice("model.lstm-implementation", LstmImplementation.class),
                    r.number("model.recurrent-dropout", 0, true, 1, false));
            if (model.recurrentDropout() > 0 && model.cell() == Cell.LSTM
                    && model.lstmImplementation() == LstmImplementation.DL4J) {
                r.problem("model.recurrent-dropout", "is computed by the project's recurrent layers; with "
                        + "model.lstm-implementation = dl4j set it to 0 or use lstm-implementation = fused");
            }
            return model;
        }

        public Model withCell(Cell v) {
            return Records.with(this, "cell", v);
        }

        public Model withLayers(int v) {
            return Records.with(this, "layers", v);
        }

        public Model withHiddenSize(int v) {
            return Records.with(this, "hiddenSize", v);
        }

        public Model withEmbeddingSize(int v) {
            return Records.with(this, "embeddingSize", v);
        }

        public Model withDropout(double v) {
            return Records.with(this, "dropout", v);
        }

        public Model withTbpttLength(int v) {
            return Records.with(this, "tbpttLength", v);
        }

        public Model withLstmImplementation(LstmImplementation v) {
            return Records.with(this, "lstmImplementation", v);
        }

        public Model withRecurrentDropout(double v) {
            return Records.with(this, "recurrentDropout", v);
        }

        /** Whether tokens enter the first layer as one-hot vectors rather than an embedding. */
        public boolean oneHotInput() {
            return embeddingSize == 0;
        }
    }

    /** What is measured and shown after each epoch. */
    public record Eval(int sampleLength, String samplePrime, double sampleTemperature) implements Serializable {
    }
}
