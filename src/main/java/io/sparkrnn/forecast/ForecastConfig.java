package io.sparkrnn.forecast;

import io.sparkrnn.core.config.ConfigReader;
import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.JobConfigLoader;
import io.sparkrnn.core.config.OutputSettings;
import io.sparkrnn.core.config.Training;
import io.sparkrnn.core.table.TableFormat;
import io.sparkrnn.nn.Cell;

import java.io.Serializable;
import java.util.List;

/**
 * The whole, validated configuration of a forecasting run, built once on the driver by
 * {@link #LOADER} before Spark starts. It is written beside the model as {@code config.conf},
 * so that the forecast tool reads new data with exactly the schema, transform and window the
 * model was trained with. The job's own sections are {@code data}, {@code model} and
 * {@code backtest}, and one key of {@code output}.
 */
public record ForecastConfig(Data data, Model model, Training training, Backtest backtest,
                             Output output) implements JobConfig, Serializable {
    /** Reads and checks the job's configuration from {@code forecast/defaults.conf} and the user's layers. */
    public static final JobConfigLoader<ForecastConfig> LOADER = new JobConfigLoader<>(
            "io/sparkrnn/forecast/defaults.conf", ForecastConfig::read);

    /** What a resumed forecasting run may change: where and how long, not what it fits. */
    public static final List<String> RESUMABLE_CHANGES = List.of("output.", "training.time-limit-minutes");

    /** Long: a row per series and time; wide: a row per time, a column per series. */
    public enum Layout { LONG, WIDE }

    /**
     * How H steps are forecast: one output unit per step from the last state (direct), or an
     * encoder-decoder whose decoder runs over the H steps conditioned on the encoder's final
     * state (seq2seq).
     */
    public enum Strategy { DIRECT, SEQ2SEQ }

    static ForecastConfig read(ConfigReader r) {
        Data data = Data.read(r);
        Model model = new Model(
                r.choice("model.cell", Cell.class),
                r.intInRange("model.layers", 1, 16),
                r.intAtLeast("model.hidden-size", 1),
                r.number("model.dropout", 0, true, 1, false),
                r.intAtLeast("model.input-length", 1),
                r.intAtLeast("model.horizon", 1),
                r.choice("model.transform", TargetTransform.class),
                r.intAtLeast("model.window-stride", 1),
                r.choice("model.strategy", Strategy.class));
        Backtest backtest = Backtest.read(r, data, model);
        return new ForecastConfig(data, model, Training.read(r), backtest, Output.read(r, r.intAtLeast(
                "output.plot-series", 0)));
    }

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

        static Data read(ConfigReader r) {
            List<String> input = r.stringList("data.input");
            if (input.isEmpty()) {
                r.missing("data.input", "expected the input: a file, folder or glob (any Hadoop URI)");
            }
            Layout layout = r.choice("data.layout", Layout.class);
            String time = r.string("data.time-column").trim();
            if (time.isEmpty()) {
                r.missing("data.time-column", "expected the name of the column holding each row's time");
            }
            String target = r.string("data.target-column").trim();
            String id = r.string("data.id-column").trim();
            List<String> covariates = r.stringList("data.covariates");
            if (layout == Layout.LONG && target.isEmpty()) {
                r.missing("data.target-column", "expected the column holding the values to forecast (long layout)");
            }
            if (layout == Layout.WIDE && !covariates.isEmpty()) {
                r.problem("data.covariates", "expected [] for the wide layout (covariates need the long layout)");
            }
            if (layout == Layout.WIDE && !id.isEmpty()) {
                r.problem("data.id-column", "expected \"\" for the wide layout, where each column is a series");
            }
            String dateFormat = r.string("data.date-format");
            if (RowParser.dates(dateFormat) == null) {
                r.problem("data.date-format", "expected a java.time date pattern such as yyyy-MM-dd");
            }
            return new Data(input, r.choice("data.format", TableFormat.class), TableFormat.delimiter(r,
                    "data.csv-delimiter"), layout, id, time, target, r.stringList("data.series-columns"), covariates,
                    dateFormat, r.choice("data.frequency", SeriesAssembler.Frequency.class),
                    r.choice("data.duplicates", SeriesAssembler.Duplicates.class),
                    r.choice("data.missing", SeriesAssembler.Missing.class));
        }
    }

    /** Network shape and what it learns. */
    public record Model(Cell cell, int layers, int hiddenSize, double dropout, int inputLength,
                        int horizon, TargetTransform transform, int windowStride, Strategy strategy)
            implements Serializable {
    }

    /** The walk-forward backtest and its baselines. */
    public record Backtest(String testStart, int testSteps, int step, BacktestPlan.Window window,
                           int windowLength, int refitEvery, int season, int movingAverageWindow)
            implements Serializable {

        static Backtest read(ConfigReader r, Data data, Model model) {
            var b = new Backtest(r.string("backtest.test-start").trim(), r.intAtLeast("backtest.test-steps", 1),
                    r.intAtLeast("backtest.step", 1), r.choice("backtest.window", BacktestPlan.Window.class),
                    r.intAtLeast("backtest.window-length", 2), r.intAtLeast("backtest.refit-every", 1),
                    r.intAtLeast("backtest.season", 1), r.intAtLeast("backtest.moving-average-window", 1));
            if (!b.testStart().isEmpty()) {
                try {
                    RowParser.epochDay(data.dateFormat(), b.testStart());
                } catch (RuntimeException e) {
                    r.problem("backtest.test-start", "expected a time in data.date-format (" + data.dateFormat() + ")");
                }
            }
            int shortest = model.inputLength() + model.horizon() + model.transform().lag();
            if (b.window() == BacktestPlan.Window.SLIDING && b.windowLength() < shortest) {
                r.problem("backtest.window-length", "expected at least model.input-length + model.horizon"
                        + (model.transform().lag() > 0 ? " + 1 (the transform's lag)" : "") + " = " + shortest
                        + ", or no window would hold a training example");
            }
            return b;
        }
    }

    /** The shared output keys and the series the report draws. */
    public record Output(String path, String workDir, boolean keepWork, boolean overwrite, boolean trainingStats,
                         int plotSeries) implements OutputSettings, Serializable {
        static Output read(ConfigReader r, int plotSeries) {
            var o = io.sparkrnn.core.config.Output.read(r);
            return new Output(o.path(), o.workDir(), o.keepWork(), o.overwrite(), o.trainingStats(), plotSeries);
        }
    }

    /** Input channels per time step: the target, the covariates, and the mask when values may be filled. */
    public int inputChannels() {
        return 1 + data.covariates().size() + (data.masked() ? 1 : 0);
    }
}
