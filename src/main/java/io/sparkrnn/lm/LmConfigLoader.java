package io.sparkrnn.lm;

import io.sparkrnn.core.config.Training;

import io.sparkrnn.core.config.ConfigProblems;

import io.sparkrnn.nn.Cell;
import io.sparkrnn.nn.LstmImplementation;

import io.sparkrnn.core.config.ConfigLayers;
import io.sparkrnn.core.config.ConfigReader;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link LmConfig} from a HOCON job file, {@code --set key=value} overrides and the
 * defaults in {@value #DEFAULTS_RESOURCE}, and validates every key before any Spark work
 * starts. All problems are reported together in one {@link ConfigProblems}.
 */
public final class LmConfigLoader {
    public static final String DEFAULTS_RESOURCE = "io/sparkrnn/config/lm-defaults.conf";

    /** Key prefixes a resumed run may change. */
    private static final List<String> RESUMABLE_CHANGES = List.of("training.epochs", "training.time-limit-minutes",
            "eval.", "output.", "checkpoint.");

    private LmConfigLoader() {
    }

    /** The defaults, as a parsed configuration. */
    public static Config defaults() {
        return ConfigLayers.defaults(DEFAULTS_RESOURCE);
    }

    /** The defaults file verbatim, comments included: the configuration reference. */
    public static String defaultsText() {
        return ConfigLayers.defaultsText(DEFAULTS_RESOURCE);
    }

    /**
     * Loads a job: the file, then the overrides (later ones win), then {@code output} as
     * {@code output.path} when it is not null.
     */
    public static LmConfig load(Path file, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.file(file, problems), output, overrides, problems));
    }

    /** Loads a job from configuration text (a checkpoint's), with the same overrides as {@link #load}. */
    public static LmConfig loadText(String hocon, String origin, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.text(hocon, origin, problems), output, overrides, problems));
    }

    /**
     * The keys whose values differ between the configuration a checkpoint was written with and
     * the one a resumed run asks for, except those a resumed run may change (how long it trains,
     * what it samples, where and what it writes); each as "key: checkpoint value, now value".
     */
    public static List<String> resumeConflicts(LmConfig saved, LmConfig requested) {
        return ConfigLayers.conflicts(toHocon(saved), toHocon(requested), RESUMABLE_CHANGES);
    }

    /** Validates a (user) configuration layered over the defaults. */
    public static LmConfig fromConfig(Config user) {
        Config defaults = defaults();
        ConfigReader r = new ConfigReader(user.withFallback(defaults).resolve());
        r.rejectUnknownKeys(user, defaults);

        List<String> input = r.stringList("data.input");
        if (input.isEmpty()) {
            r.missing("data.input", "expected the corpus: a file, folder or glob (any Hadoop URI)");
        }
        int sequenceLength = r.intAtLeast("data.sequence-length", 1);
        var data = new LmConfig.Data(input,
                r.choice("data.level", LmConfig.Level.class),
                r.number("data.validation-fraction", 0, false, 0.5, false),
                sequenceLength,
                r.intAtLeast("data.validation-context", 0),
                r.intAtLeast("data.min-partitions", 0),
                r.intAtLeast("data.max-vocab", 2),
                r.intAtLeast("data.min-count", 1),
                r.bool("data.lowercase"));

        int tbptt = r.intAtLeast("model.tbptt-length", 0);
        if (tbptt > sequenceLength) {
            r.problem("model.tbptt-length", "expected at most data.sequence-length ("
                    + sequenceLength + "), or 0 for full backpropagation through time");
        }
        var model = new LmConfig.Model(
                r.choice("model.cell", Cell.class),
                r.intInRange("model.layers", 1, 32),
                r.intAtLeast("model.hidden-size", 1),
                r.intAtLeast("model.embedding-size", 0),
                r.number("model.dropout", 0, true, 1, false),
                tbptt,
                r.choice("model.lstm-implementation", LstmImplementation.class),
                r.number("model.recurrent-dropout", 0, true, 1, false));
        if (model.recurrentDropout() > 0 && model.cell() == Cell.LSTM
                && model.lstmImplementation() == LstmImplementation.DL4J) {
            r.problem("model.recurrent-dropout", "is computed by the project's recurrent layers; with "
                    + "model.lstm-implementation = dl4j set it to 0 or use lstm-implementation = fused");
        }

        // The weight average is the language-model job's own; the other jobs share the rest of the section.
        var training = Training.read(r).withAverageRounds(r.intAtLeast("training.average-rounds", 0));

        var eval = new LmConfig.Eval(
                r.intAtLeast("eval.sample-length", 0),
                r.string("eval.sample-prime"),
                r.number("eval.sample-temperature", 0, false, Double.POSITIVE_INFINITY, false));

        String path = r.string("output.path").trim();
        if (path.isEmpty()) {
            r.missing("output.path", "expected the output folder (give --output URI)");
        }
        var output = new LmConfig.Output(path, r.string("output.work-dir").trim(),
                r.bool("output.keep-work"), r.bool("output.overwrite"), r.bool("output.training-stats"));

        var checkpoint = new LmConfig.Checkpoint(r.intAtLeast("checkpoint.every-rounds", 0),
                r.intAtLeast("checkpoint.keep", 1));

        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return new LmConfig(data, model, training, eval, output, checkpoint);
    }

    /** The configuration as HOCON that {@link #load} reads back to an equal {@link LmConfig}. */
    public static String toHocon(LmConfig c) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("input", c.data().input());
        data.put("level", ConfigReader.configName(c.data().level()));
        data.put("validation-fraction", c.data().validationFraction());
        data.put("sequence-length", c.data().sequenceLength());
        data.put("validation-context", c.data().validationContext());
        data.put("min-partitions", c.data().minPartitions());
        data.put("max-vocab", c.data().maxVocab());
        data.put("min-count", c.data().minCount());
        data.put("lowercase", c.data().lowercase());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cell", ConfigReader.configName(c.model().cell()));
        model.put("layers", c.model().layers());
        model.put("hidden-size", c.model().hiddenSize());
        model.put("embedding-size", c.model().embeddingSize());
        model.put("dropout", c.model().dropout());
        model.put("tbptt-length", c.model().tbpttLength());
        model.put("lstm-implementation", ConfigReader.configName(c.model().lstmImplementation()));
        model.put("recurrent-dropout", c.model().recurrentDropout());
        Map<String, Object> training = c.training().toMap();
        training.put("average-rounds", c.training().averageRounds());
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("sample-length", c.eval().sampleLength());
        eval.put("sample-prime", c.eval().samplePrime());
        eval.put("sample-temperature", c.eval().sampleTemperature());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("path", c.output().path());
        output.put("work-dir", c.output().workDir());
        output.put("keep-work", c.output().keepWork());
        output.put("overwrite", c.output().overwrite());
        output.put("training-stats", c.output().trainingStats());
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("every-rounds", c.checkpoint().everyRounds());
        checkpoint.put("keep", c.checkpoint().keep());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        root.put("model", model);
        root.put("training", training);
        root.put("eval", eval);
        root.put("output", output);
        root.put("checkpoint", checkpoint);
        return ConfigLayers.render(root);
    }
}
