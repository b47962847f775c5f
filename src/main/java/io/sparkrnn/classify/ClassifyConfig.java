package io.sparkrnn.classify;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;
import io.sparkrnn.core.table.TableFormat;

import java.io.Serializable;
import java.util.List;

/**
 * The whole, validated configuration of a sequence-classification run, built once on the
 * driver by {@link ClassifyConfigLoader} before Spark starts and written beside the model as
 * {@code config.conf}, so the model's input columns, their order and scaling are never guessed
 * later.
 */
public record ClassifyConfig(Data data, Model model, Training training, Eval eval, Output output)
        implements Serializable {

    /** The labelled sequences: one row per sequence and step, in the long layout. */
    public record Data(List<String> train, List<String> test, TableFormat format, String csvDelimiter,
                       String idColumn, String labelColumn, String orderColumn, List<String> featureColumns,
                       boolean standardize, int maxLength) implements Serializable {
        public Data {
            train = List.copyOf(train);
            test = List.copyOf(test);
            featureColumns = List.copyOf(featureColumns);
        }
    }

    /** Network shape: stacked recurrent layers whose last state feeds a softmax over the classes. */
    public record Model(Cell cell, int layers, int hiddenSize, double dropout) implements Serializable {
    }

    /** How often the test sequences are scored while training. */
    public record Eval(int everyEpochs) implements Serializable {
    }

    /** Where results go. */
    public record Output(String path, String workDir, boolean keepWork, boolean overwrite) implements Serializable {
        /** The folder for exported minibatches: {@code work-dir}, or {@code <path>/_work}. */
        public String resolvedWorkDir() {
            return workDir.isEmpty() ? stripSlash(path) + "/_work" : stripSlash(workDir);
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
