package io.sparkrnn.classify;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;
import io.sparkrnn.core.table.TableFormat;

import io.sparkrnn.core.config.ConfigLayers;
import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.config.ConfigReader;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link ClassifyConfig} from a HOCON job file, {@code --set} overrides and the
 * defaults in {@value #DEFAULTS_RESOURCE}, as the other jobs do, and reports every problem
 * (unknown keys, values out of range, clashing column names) at once, before Spark starts.
 */
public final class ClassifyConfigLoader {
    public static final String DEFAULTS_RESOURCE = "io/sparkrnn/config/classify-defaults.conf";

    private ClassifyConfigLoader() {
    }

    public static Config defaults() {
        return ConfigLayers.defaults(DEFAULTS_RESOURCE);
    }

    public static String defaultsText() {
        return ConfigLayers.defaultsText(DEFAULTS_RESOURCE);
    }

    public static ClassifyConfig load(Path file, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.file(file, problems), output, overrides, problems));
    }

    /** A run's saved configuration ({@code config.conf}), with overrides. */
    public static ClassifyConfig loadText(String hocon, String origin, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.text(hocon, origin, problems), output, overrides, problems));
    }

    public static ClassifyConfig fromConfig(Config user) {
        Config defaults = defaults();
        ConfigReader r = new ConfigReader(user.withFallback(defaults).resolve());
        r.rejectUnknownKeys(user, defaults);

        List<String> train = r.stringList("data.train");
        if (train.isEmpty()) {
            r.missing("data.train", "expected the training sequences: a file, folder or glob (any Hadoop URI)");
        }
        List<String> test = r.stringList("data.test");
        if (test.isEmpty()) {
            r.missing("data.test", "expected the test sequences: a file, folder or glob (any Hadoop URI)");
        }
        String delimiter = r.string("data.csv-delimiter");
        if (delimiter.length() != 1 && !delimiter.equals("\\t")) {
            r.problem("data.csv-delimiter", "expected one character (or \\t)");
        }
        String id = r.string("data.id-column").trim();
        if (id.isEmpty()) {
            r.missing("data.id-column", "expected the column naming the sequence each row belongs to");
        }
        String label = r.string("data.label-column").trim();
        if (label.isEmpty()) {
            r.missing("data.label-column", "expected the column holding each sequence's class");
        }
        String order = r.string("data.order-column").trim();
        List<String> features = r.stringList("data.feature-columns");
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
        var data = new ClassifyConfig.Data(train, test, r.choice("data.format", TableFormat.class),
                delimiter, id, label, order, features, r.bool("data.standardize"), r.intAtLeast("data.max-length", 0));

        var model = new ClassifyConfig.Model(
                r.choice("model.cell", Cell.class),
                r.intInRange("model.layers", 1, 16),
                r.intAtLeast("model.hidden-size", 1),
                r.number("model.dropout", 0, true, 1, false));
        var training = Training.read(r);
        var eval = new ClassifyConfig.Eval(r.intAtLeast("eval.every-epochs", 0));

        String path = r.string("output.path").trim();
        if (path.isEmpty()) {
            r.missing("output.path", "expected the output folder (give --output URI)");
        }
        var output = new ClassifyConfig.Output(path, r.string("output.work-dir").trim(), r.bool("output.keep-work"),
                r.bool("output.overwrite"));
        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return new ClassifyConfig(data, model, training, eval, output);
    }

    /** The configuration as HOCON that {@link #loadText} reads back to an equal {@link ClassifyConfig}. */
    public static String toHocon(ClassifyConfig c) {
        Map<String, Object> data = new LinkedHashMap<>();
        var d = c.data();
        data.put("train", d.train());
        data.put("test", d.test());
        data.put("format", ConfigReader.configName(d.format()));
        data.put("csv-delimiter", d.csvDelimiter());
        data.put("id-column", d.idColumn());
        data.put("label-column", d.labelColumn());
        data.put("order-column", d.orderColumn());
        data.put("feature-columns", d.featureColumns());
        data.put("standardize", d.standardize());
        data.put("max-length", d.maxLength());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cell", ConfigReader.configName(c.model().cell()));
        model.put("layers", c.model().layers());
        model.put("hidden-size", c.model().hiddenSize());
        model.put("dropout", c.model().dropout());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("path", c.output().path());
        output.put("work-dir", c.output().workDir());
        output.put("keep-work", c.output().keepWork());
        output.put("overwrite", c.output().overwrite());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        root.put("model", model);
        root.put("training", c.training().toMap());
        root.put("eval", Map.of("every-epochs", c.eval().everyEpochs()));
        root.put("output", output);
        return ConfigLayers.render(root);
    }
}
