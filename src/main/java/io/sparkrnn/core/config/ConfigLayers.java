package io.sparkrnn.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How every job builds its configuration: a defaults resource (the one place defaults are
 * stated, printed as the configuration reference), a HOCON job file or saved configuration
 * text, then {@code --set key=value} overrides (later ones win), then {@code --output}. Shared
 * so that all jobs read, override and report problems the same way.
 */
public final class ConfigLayers {
    private ConfigLayers() {
    }

    /** A defaults resource, parsed. */
    public static Config defaults(String resource) {
        return ConfigFactory.parseResources(ConfigLayers.class.getClassLoader(), resource,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** A defaults resource verbatim, comments included: the configuration reference. */
    public static String defaultsText(String resource) {
        try (InputStream in = ConfigLayers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A job file, or an empty configuration (with the problem recorded) when it cannot be read. */
    public static Config file(Path file, List<String> problems) {
        if (file == null) {
            return ConfigFactory.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.add("configuration file '" + file + "' does not exist or is not a file");
            return ConfigFactory.empty();
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            problems.add("cannot parse configuration file '" + file + "': " + e.getMessage());
            return ConfigFactory.empty();
        }
    }

    /** Saved configuration text (a checkpoint's, a model's), with its origin for messages. */
    public static Config text(String hocon, String origin, List<String> problems) {
        try {
            return ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(origin));
        } catch (ConfigException e) {
            problems.add("cannot parse the configuration in " + origin + ": " + e.getMessage());
            return ConfigFactory.empty();
        }
    }

    /**
     * The user's layer: {@code base}, then the overrides, then {@code output} as
     * {@code output.path} when not null. Throws {@link ConfigProblems} with everything
     * recorded so far when anything is wrong.
     */
    public static Config user(Config base, String output, List<String> overrides, List<String> problems) {
        Config user = base;
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                problems.add("--set '" + override + "': expected key=value, e.g. --set model.hidden-size=256");
                continue;
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1).trim();
            try {
                user = ConfigFactory.empty()
                        .withValue(key, ConfigValueFactory.fromAnyRef(value, "--set " + key))
                        .withFallback(user);
            } catch (ConfigException e) {
                problems.add("--set '" + override + "': '" + key + "' is not a valid key");
            }
        }
        if (output != null) {
            user = ConfigFactory.empty()
                    .withValue("output.path", ConfigValueFactory.fromAnyRef(output, "--output"))
                    .withFallback(user);
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblems(problems);
        }
        return user;
    }

    /** A nested map of values as formatted HOCON, the form written beside every model. */
    public static String render(java.util.Map<String, Object> root) {
        return ConfigValueFactory.fromMap(root).render(
                ConfigRenderOptions.defaults().setOriginComments(false).setJson(false).setFormatted(true));
    }

    /**
     * The keys whose values differ between two saved configurations, except those under the
     * given prefixes; each as "key: before value, now value".
     */
    public static List<String> conflicts(String before, String now, List<String> mayChange) {
        java.util.Map<String, String> a = flatten(before);
        java.util.Map<String, String> b = flatten(now);
        List<String> out = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> e : a.entrySet()) {
            String key = e.getKey();
            if (mayChange.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String value = b.get(key);
            if (!e.getValue().equals(value)) {
                out.add(key + ": " + e.getValue() + " in the checkpoint, " + value + " now");
            }
        }
        return out;
    }

    private static java.util.Map<String, String> flatten(String hocon) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        ConfigFactory.parseString(hocon).entrySet().forEach(e -> out.put(e.getKey(),
                e.getValue().render(ConfigRenderOptions.concise())));
        return out;
    }
}
