package io.sparkrnn.seq2seq;

import io.sparkrnn.core.config.Checkpoint;
import io.sparkrnn.core.config.ConfigReader;
import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.JobConfigLoader;
import io.sparkrnn.core.config.Output;
import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;
import io.sparkrnn.nn.EncoderDecoder;

import java.io.Serializable;
import java.util.List;

/**
 * The whole, validated configuration of a sequence-to-sequence run, read by {@link #LOADER}
 * before Spark starts and written beside the model, so that how the pairs are read and cut into
 * tokens and the network's shape are never guessed when the model is used later. The job's own
 * sections are {@code data}, {@code model}, {@code decode} and {@code eval}.
 */
public record Seq2SeqConfig(Data data, Model model, Decode decode, Training training, Eval eval, Output output,
                            Checkpoint checkpoint) implements JobConfig, Serializable {
    /** Reads and checks the job's configuration from {@code seq2seq/defaults.conf} and the user's layers. */
    public static final JobConfigLoader<Seq2SeqConfig> LOADER = new JobConfigLoader<>(
            "io/sparkrnn/seq2seq/defaults.conf", Seq2SeqConfig::read);

    /** What a resumed run may change: how long it trains, how it decodes and scores, where it writes. */
    public static final List<String> RESUMABLE_CHANGES = List.of("training.epochs", "training.time-limit-minutes",
            "decode.", "eval.", "output.", "checkpoint.");

    /** The prefix of {@code data.pairs} entries read from the job's classpath (the bundled dictionary). */
    public static final String CLASSPATH = "classpath:";

    static Seq2SeqConfig read(ConfigReader r) {
        return new Seq2SeqConfig(Data.read(r), Model.read(r), new Decode(
                r.intInRange("decode.beam-width", 1, 64),
                r.number("decode.length-penalty", 0, true, 4, true),
                r.intInRange("decode.max-length", 1, 500)),
                Training.read(r), new Eval(r.intAtLeast("eval.every-epochs", 0), r.intInRange("eval.examples", 0, 500)),
                Output.read(r), Checkpoint.read(r));
    }

    /** Where the pairs are, how they are read and cut into tokens, and how they are split. */
    public record Data(List<String> pairs, PairParser.Format format, PairParser.Tokens sourceTokens,
                       PairParser.Tokens targetTokens, boolean lowercase, double testFraction,
                       double validationFraction, int maxSourceLength, int maxTargetLength) implements Serializable {
        public Data {
            pairs = List.copyOf(pairs);
        }

        static Data read(ConfigReader r) {
            List<String> pairs = r.stringList("data.pairs");
            if (pairs.isEmpty()) {
                r.missing("data.pairs", "expected the pairs: a file, folder or glob on any Hadoop file system, or "
                        + CLASSPATH + "RESOURCE for a file on the job's classpath");
            }
            for (String p : pairs) {
                if (p.startsWith(CLASSPATH) && p.substring(CLASSPATH.length()).isBlank()) {
                    r.problem("data.pairs", "expected a resource name after " + CLASSPATH + ", not '" + p + "'");
                }
            }
            double test = r.number("data.test-fraction", 0, false, 1, false);
            double validation = r.number("data.validation-fraction", 0, true, 1, false);
            if (test + validation >= 1) {
                r.problem("data.validation-fraction", "expected data.test-fraction + data.validation-fraction below 1 "
                        + "(some words must be left for training), but they add up to " + (test + validation));
            }
            return new Data(pairs, r.choice("data.format", PairParser.Format.class),
                    r.choice("data.source-tokens", PairParser.Tokens.class),
                    r.choice("data.target-tokens", PairParser.Tokens.class), r.bool("data.lowercase"), test,
                    validation, r.intInRange("data.max-source-length", 1, 1000),
                    r.intInRange("data.max-target-length", 1, 1000));
        }

        /** The parser of the configured layout. */
        public PairParser parser() {
            return new PairParser(format, sourceTokens, targetTokens, lowercase);
        }
    }

    /** The encoder and decoder: token embeddings, the recurrent stacks, reading direction, dropout. */
    public record Model(int embeddingSize, Cell cell, int layers, int hiddenSize, boolean bidirectional,
                        boolean attention, double dropout) implements Serializable {
        static Model read(ConfigReader r) {
            return new Model(r.intAtLeast("model.embedding-size", 1), r.choice("model.cell", Cell.class),
                    r.intInRange("model.layers", 1, 8), r.intAtLeast("model.hidden-size", 1),
                    r.bool("model.bidirectional"), r.bool("model.attention"),
                    r.number("model.dropout", 0, true, 1, false));
        }

        /** Each recurrent stack (every encoder direction and the decoder). */
        public EncoderDecoder.Stack stack() {
            return new EncoderDecoder.Stack(cell, layers, hiddenSize, dropout);
        }

        /** The context's size: the final output of each encoder direction. */
        public int contextSize() {
            return (bidirectional ? 2 : 1) * hiddenSize;
        }
    }

    /** The network in words, for the log and the report. */
    static String describe(Seq2SeqConfig c) {
        Model m = c.model();
        return (m.bidirectional() ? "two " : "a ") + m.layers() + " x " + m.hiddenSize() + " " + m.cell().name()
                + " encoder" + (m.bidirectional() ? "s (one reads the source forwards, one backwards)" : "")
                + " whose final output" + (m.bidirectional() ? "s are" : " is") + " fed with every step of a "
                + m.layers() + " x " + m.hiddenSize() + " " + m.cell().name() + " decoder"
                + (m.attention() ? " that attends over every encoder step" : "") + "; " + m.embeddingSize()
                + "-dimensional token embeddings";
    }

    /** How outputs are generated: beam width (1 = greedy), length normalisation, longest output. */
    public record Decode(int beamWidth, double lengthPenalty, int maxLength) implements Serializable {
    }

    /** How often the held-out loss is measured while training, and how many test words the report shows. */
    public record Eval(int everyEpochs, int examples) implements Serializable {
    }
}
