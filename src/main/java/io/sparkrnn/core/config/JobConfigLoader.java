package io.sparkrnn.core.config;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a job's configuration record the same way for every job: the job's defaults file (the
 * one place its defaults are stated, with the shared sections it includes), a HOCON job file or
 * saved configuration text, {@code --set key=value} overrides (later ones win), then
 * {@code --output}; unknown keys refused with the closest known one, and every problem of every
 * section reported at once, before Spark starts. The job supplies only how its sections are
 * read and checked.
 *
 * @param <C> the job's configuration record
 */
public final class JobConfigLoader<C extends Record & JobConfig> {
    private static final Pattern INCLUDE = Pattern.compile("^include classpath\\(\"([^\"]+)\"\\)\\s*$",
            Pattern.MULTILINE);

    private final String defaultsResource;
    private final Function<ConfigReader, C> sections;

    /**
     * @param defaultsResource the class-path resource of the job's defaults
     * @param sections         reads every section from a reader over the layered configuration
     *                         (problems are recorded in the reader, not thrown)
     */
    public JobConfigLoader(String defaultsResource, Function<ConfigReader, C> sections) {
        this.defaultsResource = defaultsResource;
        this.sections = sections;
    }

    /** The defaults, parsed (shared sections included). */
    public Config defaults() {
        return ConfigLayers.defaults(defaultsResource);
    }

    /** The configuration reference: the defaults file with its comments, shared sections written out. */
    public String reference() {
        String text = ConfigLayers.defaultsText(defaultsResource);
        Matcher m = INCLUDE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(ConfigLayers.defaultsText(m.group(1)).stripTrailing()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A job file (null: the defaults alone), then the overrides, then {@code output} when not null. */
    public C load(Path file, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.file(file, problems), output, overrides, problems));
    }

    /** Saved configuration text (a checkpoint's, a model's), with the same layers as {@link #load}. */
    public C loadText(String hocon, String origin, String output, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        return fromConfig(ConfigLayers.user(ConfigLayers.text(hocon, origin, problems), output, overrides, problems));
    }

    /** Validates a user layer over the defaults. */
    public C fromConfig(Config user) {
        Config defaults = defaults();
        ConfigReader r = new ConfigReader(user.withFallback(defaults).resolve());
        r.rejectUnknownKeys(user, defaults);
        C config = sections.apply(r);
        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return config;
    }

    /** The configuration as HOCON that {@link #loadText} reads back to an equal record. */
    public String toHocon(C config) {
        return HoconText.of(config);
    }

    /**
     * The keys whose values differ between two configurations, except those under
     * {@code mayChange}; each as "key: before value in the checkpoint, now value now".
     */
    public List<String> conflicts(C before, C now, List<String> mayChange) {
        return ConfigLayers.conflicts(toHocon(before), toHocon(now), mayChange);
    }

    /**
     * The configuration of a resumed run: the saved one with the overrides when no file is given,
     * else the file's; refused, with every key that differs, if it differs from the saved one in
     * anything but the keys under {@code mayChange}.
     *
     * @param savedText the configuration the run was started with (from its checkpoint)
     * @param origin    where it was read, for messages
     */
    public C resumed(String savedText, String origin, Path file, String output, List<String> overrides,
                     List<String> mayChange) {
        C before = loadText(savedText, origin, output, List.of());
        C now = file == null ? loadText(savedText, origin, output, overrides) : load(file, output, overrides);
        List<String> conflicts = conflicts(before, now, mayChange);
        if (!conflicts.isEmpty()) {
            List<String> names = mayChange.stream().map(k -> k.endsWith(".") ? k + "*" : k).toList();
            String allowed = names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1))
                    + " and " + names.get(names.size() - 1);
            List<String> problems = new ArrayList<>();
            for (String c : conflicts) {
                problems.add("--resume: " + c + " (a resumed run must train the same model on the same data; only "
                        + allowed + " may change)");
            }
            throw new ConfigProblems(problems);
        }
        return now;
    }
}
