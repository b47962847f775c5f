package io.sparkrnn.forecast;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;
import io.sparkrnn.core.table.TableFormat;

import io.sparkrnn.core.config.ConfigLayers;
import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.config.ConfigReader;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ForecastConfig} from a HOCON job file, {@code --set} overrides and the
 * defaults in {@value #DEFAULTS_RESOURCE}, the same way as the language-model job, and checks
 * every key and the schema's consistency before Spark starts.
 */
public final class ForecastConfigLoader {
    public static final String DEFAULTS_RESOURCE = "io/sparkrnn/config/forecast-defaults.conf";

    private ForecastConfigLoader() {
    }

    public static Config defaults() {
        return ConfigLayers.defaults(DEFAULTS_RESOURCE);
    }

    public static String defaultsText() {
        return ConfigLayers.defaultsText(DEFAULTS_RESOURCE);
    }

    public static ForecastConfig load(Path file, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.file(file, problems), output, overrides, problems));
    }

    /** A model's saved configuration, with overrides (the forecast tool sets data.input and output.path). */
    public static ForecastConfig loadText(String hocon, String origin, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.text(hocon, origin, problems), output, overrides, problems));
    }

    public static ForecastConfig fromConfig(Config user) {
        Config defaults = defaults();
        ConfigReader r = new ConfigReader(user.withFallback(defaults).resolve());
        r.rejectUnknownKeys(user, defaults);

        List<String> input = r.stringList("data.input");
        if (input.isEmpty()) {
            r.missing("data.input", "expected the input: a file, folder or glob (any Hadoop URI)");
        }
        ForecastConfig.Layout layout = r.choice("data.layout", ForecastConfig.Layout.class);
        String time = r.string("data.time-column").trim();
        if (time.isEmpty()) {
            r.missing("data.time-column", "expected the name of the column holding each row's time");
        }
        String target = r.string("data.target-column").trim();
        String id = r.string("data.id-column").trim();
        List<String> covariates = r.stringList("data.covariates");
        List<String> seriesColumns = r.stringList("data.series-columns");
        if (layout == ForecastConfig.Layout.LONG && target.isEmpty()) {
            r.missing("data.target-column", "expected the column holding the values to forecast (long layout)");
        }
        if (layout == ForecastConfig.Layout.WIDE && !covariates.isEmpty()) {
            r.problem("data.covariates", "expected [] for the wide layout (covariates need the long layout)");
        }
        if (layout == ForecastConfig.Layout.WIDE && !id.isEmpty()) {
            r.problem("data.id-column", "expected \"\" for the wide layout, where each column is a series");
        }
        String dateFormat = r.string("data.date-format");
        try {
            new RowParser(null, "t", "y", List.of(), dateFormat);
        } catch (IllegalArgumentException e) {
            r.problem("data.date-format", "expected a java.time date pattern such as yyyy-MM-dd (" + e.getMessage() + ")");
        }
        String delimiter = r.string("data.csv-delimiter");
        if (delimiter.length() != 1 && !delimiter.equals("\\t")) {
            r.problem("data.csv-delimiter", "expected one character (or \\t)");
        }
        var data = new ForecastConfig.Data(input, r.choice("data.format", TableFormat.class), delimiter,
                layout, id, time, target, seriesColumns, covariates, dateFormat,
                r.choice("data.frequency", SeriesAssembler.Frequency.class),
                r.choice("data.duplicates", SeriesAssembler.Duplicates.class),
                r.choice("data.missing", SeriesAssembler.Missing.class));

        var model = new ForecastConfig.Model(
                r.choice("model.cell", Cell.class),
                r.intInRange("model.layers", 1, 16),
                r.intAtLeast("model.hidden-size", 1),
                r.number("model.dropout", 0, true, 1, false),
                r.intAtLeast("model.input-length", 1),
                r.intAtLeast("model.horizon", 1),
                r.choice("model.transform", TargetTransform.class),
                r.intAtLeast("model.window-stride", 1),
                r.choice("model.strategy", ForecastConfig.Strategy.class));

        var training = Training.read(r);

        var backtest = new ForecastConfig.Backtest(
                r.string("backtest.test-start").trim(),
                r.intAtLeast("backtest.test-steps", 1),
                r.intAtLeast("backtest.step", 1),
                r.choice("backtest.window", BacktestPlan.Window.class),
                r.intAtLeast("backtest.window-length", 2),
                r.intAtLeast("backtest.refit-every", 1),
                r.intAtLeast("backtest.season", 1),
                r.intAtLeast("backtest.moving-average-window", 1));
        if (!backtest.testStart().isEmpty()) {
            try {
                new RowParser(null, "t", "y", List.of(), dateFormat).epochDay(backtest.testStart());
            } catch (RuntimeException e) {
                r.problem("backtest.test-start", "expected a time in data.date-format (" + dateFormat + ")");
            }
        }
        if (backtest.window() == BacktestPlan.Window.SLIDING
                && backtest.windowLength() < model.inputLength() + model.horizon() + model.transform().lag()) {
            r.problem("backtest.window-length", "expected at least model.input-length + model.horizon"
                    + (model.transform().lag() > 0 ? " + 1 (the transform's lag)" : "") + " = "
                    + (model.inputLength() + model.horizon() + model.transform().lag())
                    + ", or no window would hold a training example");
        }

        String path = r.string("output.path").trim();
        if (path.isEmpty()) {
            r.missing("output.path", "expected the output folder (give --output URI)");
        }
        var output = new ForecastConfig.Output(path, r.string("output.work-dir").trim(), r.bool("output.keep-work"),
                r.bool("output.overwrite"), r.intAtLeast("output.plot-series", 0));

        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return new ForecastConfig(data, model, training, backtest, output);
    }

    /** The configuration as HOCON that {@link #loadText} reads back to an equal {@link ForecastConfig}. */
    public static String toHocon(ForecastConfig c) {
        Map<String, Object> data = new LinkedHashMap<>();
        var d = c.data();
        data.put("input", d.input());
        data.put("format", ConfigReader.configName(d.format()));
        data.put("csv-delimiter", d.csvDelimiter());
        data.put("layout", ConfigReader.configName(d.layout()));
        data.put("id-column", d.idColumn());
        data.put("time-column", d.timeColumn());
        data.put("target-column", d.targetColumn());
        data.put("series-columns", d.seriesColumns());
        data.put("covariates", d.covariates());
        data.put("date-format", d.dateFormat());
        data.put("frequency", ConfigReader.configName(d.frequency()));
        data.put("duplicates", ConfigReader.configName(d.duplicates()));
        data.put("missing", ConfigReader.configName(d.missing()));
        Map<String, Object> model = new LinkedHashMap<>();
        var m = c.model();
        model.put("cell", ConfigReader.configName(m.cell()));
        model.put("layers", m.layers());
        model.put("hidden-size", m.hiddenSize());
        model.put("dropout", m.dropout());
        model.put("input-length", m.inputLength());
        model.put("horizon", m.horizon());
        model.put("transform", ConfigReader.configName(m.transform()));
        model.put("window-stride", m.windowStride());
        model.put("strategy", ConfigReader.configName(m.strategy()));
        Map<String, Object> backtest = new LinkedHashMap<>();
        var b = c.backtest();
        backtest.put("test-start", b.testStart());
        backtest.put("test-steps", b.testSteps());
        backtest.put("step", b.step());
        backtest.put("window", ConfigReader.configName(b.window()));
        backtest.put("window-length", b.windowLength());
        backtest.put("refit-every", b.refitEvery());
        backtest.put("season", b.season());
        backtest.put("moving-average-window", b.movingAverageWindow());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("path", c.output().path());
        output.put("work-dir", c.output().workDir());
        output.put("keep-work", c.output().keepWork());
        output.put("overwrite", c.output().overwrite());
        output.put("plot-series", c.output().plotSeries());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        root.put("model", model);
        root.put("training", c.training().toMap());
        root.put("backtest", backtest);
        root.put("output", output);
        return ConfigLayers.render(root);
    }
}
