package io.sparkrnn.classify;

import io.sparkrnn.core.config.Checkpoint;
import io.sparkrnn.core.config.ConfigReader;
import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.JobConfigLoader;
import io.sparkrnn.core.config.Output;
import io.sparkrnn.core.config.Training;
import io.sparkrnn.core.table.TableFormat;
import io.sparkrnn.nn.Cell;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole, validated configuration of a sequence-classification run, built once on the
 * driver by {@link #LOADER} before Spark starts and written beside the model as
 * {@code config.conf}, so the model's input columns, their order and scaling are never guessed
 * later. The job's own sections are {@code data}, {@code model} and {@code eval}.
 */
public record ClassifyConfig(Data data, Model model, Training training, Eval eval, Output output,
                             Checkpoint checkpoint) implements JobConfig, Serializable {
    /** Reads and checks the job's configuration from {@code classify/defaults.conf} and the user's layers. */
    public static final JobConfigLoader<ClassifyConfig> LOADER = new JobConfigLoader<>(
            "io/sparkrnn/classify/defaults.conf", ClassifyConfig::read);

    /** What a resumed run may change: how long it trains, how often it scores, where it writes. */
    public static final List<String> RESUMABLE_CHANGES = List.of("training.epochs", "training.time-limit-minutes",
            "eval.", "output.", "checkpoint.");

    static ClassifyConfig read(ConfigReader r) {
        return new ClassifyConfig(Data.read(r), new Model(
                r.choice("model.cell", Cell.class),
                r.intInRange("model.layers", 1, 16),
                r.intAtLeast("model.hidden-size", 1),
                r.number("model.dropout", 0, true, 1, false)),
                Training.read(r), new Eval(r.intAtLeast("eval.every-epochs", 0)), Output.read(r), Checkpoint.read(r));
    }

    /** The labelled sequences: one row per sequence and step, in the long layout. */
    public record Data(List<String> train, List<String> test, TableFormat format, String csvDelimiter,
                       String idColumn, String labelColumn, String orderColumn, List<String> featureColumns,
                       boolean standardize, int maxLength) implements Serializable {
        public Data {
            train = List.copyOf(train);
            test = List.copyOf(test);
            featureColumns = List.copyOf(featureColumns);
        }

        static Data read(ConfigReader r) {
            List<String> train = r.stringList("data.train");
            if (train.isEmpty()) {
                r.missing("data.train", "expected the training sequences: a file, folder or glob (any Hadoop URI)");
            }
            List<String> test = r.stringList("data.test");
            if (test.isEmpty()) {
                r.missing("data.test", "expected the test sequences: a file, folder or glob (any Hadoop URI)");
            }
            String id = required(r, "data.id-column", "expected the column naming the sequence each row belongs to");
            String label = required(r, "data.label-column", "expected the column holding each sequence's class");
            String order = r.string("data.order-column").trim();
            List<String> features = r.stringList("data.feature-columns");
            checkColumns(r, id, label, order, features);
            return new Data(train, test, r.choice("data.format", TableFormat.class),
                    TableFormat.delimiter(r, "data.csv-delimiter"), id, label, order, features,
                    r.bool("data.standardize"), r.intAtLeast("data.max-length", 0));
        }

        private static String required(ConfigReader r, String key, String expected) {
            String value = r.string(key).trim();
            if (value.isEmpty()) {
                r.missing(key, expected);
            }
            return value;
        }

        /** The id, label, order and feature columns must be distinct columns. */
        private static void checkColumns(ConfigReader r, String id, String label, String order, List<String> features) {
            Set<String> seen = new HashSet<>();
            for (String c : features) {
                if (!seen.add(c)) {
                    r.problem("data.feature-columns", "names '" + c + "' twice");
                }
                if (c.equals(id) || c.equals(label) || (!order.isEmpty() && c.equals(order))) {
                    r.problem("data.feature-columns", "expected columns other than data.id-column, data.label-column "
                            + "and data.order-column, but it names '" + c + "'");
                }
            }
            if (!id.isEmpty() && (id.equals(label) || id.equals(order))) {
                r.problem("data.id-column", "expected a column of its own, not the label or order column ('" + id + "')");
            }
            if (!label.isEmpty() && label.equals(order)) {
                r.problem("data.label-column", "expected a column of its own, not the order column ('" + label + "')");
            }
        }
    }

    /** Network shape: stacked recurrent layers whose last state feeds a softmax over the classes. */
    public record Model(Cell cell, int layers, int hiddenSize, double dropout) implements Serializable {
    }

    /** How often the test sequences are scored while training. */
    public record Eval(int everyEpochs) implements Serializable {
    }
}
