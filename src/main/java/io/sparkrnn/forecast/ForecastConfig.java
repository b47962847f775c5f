package io.sparkrnn.forecast;

import io.sparkrnn.core.table.TableFormat;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;

import java.io.Serializable;
import java.util.List;

/**
 * The whole, validated configuration of a forecasting run, built once on the driver by
 * {@link ForecastConfigLoader} before Spark starts. It is written beside the model as
 * {@code config.conf}, so that the forecast tool reads new data with exactly the schema,
 * transform and window the model was trained with.
 */
public record ForecastConfig(Data data, Model model, Training training, Backtest backtest,
                             Output output) implements Serializable {

    /** Long: a row per series and time; wide: a row per time, a column per series. */
    public enum Layout { LONG, WIDE }

    /** The declared schema of the input and what to do with its imperfections. */
    public record Data(List<String> input, TableFormat format, String csvDelimiter, Layout layout, String idColumn,
                       String timeColumn, String targetColumn, List<String> seriesColumns,
                       List<String> covariates, String dateFormat, SeriesAssembler.Frequency frequency,
                       SeriesAssembler.Duplicates duplicates, SeriesAssembler.Missing missing)
            implements Serializable {
        public Data {
            input = List.copyOf(input);
            seriesColumns = List.copyOf(seriesColumns);
            covariates = List.copyOf(covariates);
        }

        /** Whether the model gets a mask input saying which values were filled in. */
        public boolean masked() {
            return missing == SeriesAssembler.Missing.FILL;
        }
    }

    /**
     * How H steps are forecast: one output unit per step from the last state (direct), or an
     * encoder-decoder whose decoder runs over the H steps conditioned on the encoder's final
     * state (seq2seq).
     */
    public enum Strategy { DIRECT, SEQ2SEQ }

    /** Network shape and what it learns. */
    public record Model(Cell cell, int layers, int hiddenSize, double dropout, int inputLength,
                        int horizon, TargetTransform transform, int windowStride, Strategy strategy)
            implements Serializable {
    }

    /** The walk-forward backtest and its baselines. */
    public record Backtest(String testStart, int testSteps, int step, BacktestPlan.Window window,
                           int windowLength, int refitEvery, int season, int movingAverageWindow)
            implements Serializable {
    }

    /** Where results go. */
    public record Output(String path, String workDir, boolean keepWork, boolean overwrite, int plotSeries)
            implements Serializable {
        /** The folder for exported training windows: {@code work-dir}, or {@code <path>/_work}. */
        public String resolvedWorkDir() {
            return workDir.isEmpty() ? stripSlash(path) + "/_work" : stripSlash(workDir);
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** Input channels per time step: the target, the covariates, and the mask when values may be filled. */
    public int inputChannels() {
        return 1 + data.covariates().size() + (data.masked() ? 1 : 0);
    }
}
