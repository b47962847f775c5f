package io.sparkrnn.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Typed, range-checked reads of a resolved HOCON configuration that collect problems instead
 * of failing on the first one. Every message names the key, the offending value, where the
 * value came from (file and line, or the command line) and what is allowed.
 */
public final class ConfigReader {
    private final Config config;
    private final List<String> problems = new ArrayList<>();

    public ConfigReader(Config config) {
        this.config = config;
    }

    public List<String> problems() {
        return problems;
    }

    /** Records that a required key has no value. */
    public void missing(String key, String expected) {
        problems.add(key + " is not set: " + expected);
    }

    /** Records a problem found by a check that spans several keys. */
    public void problem(String key, String expected) {
        problems.add(describe(key) + ": " + expected);
    }

    /** Rejects keys that the defaults do not know, suggesting the closest known key. */
    public void rejectUnknownKeys(Config user, Config defaults) {
        Set<String> known = defaults.entrySet().stream().map(e -> e.getKey())
                .collect(Collectors.toCollection(TreeSet::new));
        for (var entry : user.entrySet()) {
            String key = entry.getKey();
            if (!known.contains(key)) {
                problems.add("unknown key '" + key + "' (" + origin(entry.getValue())
                        + "); did you mean '" + closest(key, known) + "'?");
            }
        }
    }

    public String string(String key) {
        try {
            return config.getString(key);
        } catch (ConfigException.WrongType e) {
            problem(key, "expected a text value");
            return "";
        }
    }

    /** A string or a list of strings; a string is split at commas. */
    public List<String> stringList(String key) {
        try {
            ConfigValue v = config.getValue(key);
            List<String> raw = v.valueType() == ConfigValueType.LIST
                    ? config.getStringList(key)
                    : Arrays.asList(config.getString(key).split(","));
            return raw.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (ConfigException.WrongType e) {
            problem(key, "expected a path or a list of paths");
            return List.of();
        }
    }

    public boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (ConfigException.WrongType e) {
            problem(key, "expected true or false");
            return false;
        }
    }

    public int intAtLeast(String key, int min) {
        return intInRange(key, min, Integer.MAX_VALUE);
    }

    public int intInRange(String key, int min, int max) {
        String allowed = max == Integer.MAX_VALUE ? "an integer >= " + min
                : "an integer from " + min + " to " + max;
        try {
            ConfigValue v = config.getValue(key);
            Object raw = v.unwrapped();
            double d = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
            if (d != Math.rint(d) || d < min || d > max) {
                problem(key, "expected " + allowed);
                return min;
            }
            return (int) d;
        } catch (NumberFormatException | ConfigException.WrongType e) {
            problem(key, "expected " + allowed);
            return min;
        }
    }

    public long longValue(String key) {
        try {
            return config.getLong(key);
        } catch (ConfigException.WrongType e) {
            problem(key, "expected an integer");
            return 0;
        }
    }

    /** A number in [min, max], or (min, max] / [min, max) / (min, max) when exclusive. */
    public double number(String key, double min, boolean minInclusive, double max, boolean maxInclusive) {
        String allowed = "a number " + (minInclusive ? ">= " : "> ") + fmt(min)
                + (Double.isInfinite(max) ? "" : " and " + (maxInclusive ? "<= " : "< ") + fmt(max));
        try {
            double d = config.getDouble(key);
            boolean ok = !Double.isNaN(d)
                    && (minInclusive ? d >= min : d > min)
                    && (maxInclusive ? d <= max : d < max);
            if (!ok) {
                problem(key, "expected " + allowed);
            }
            return d;
        } catch (ConfigException.WrongType e) {
            problem(key, "expected " + allowed);
            return min;
        }
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        E[] values = type.getEnumConstants();
        String allowed = Arrays.stream(values).map(ConfigReader::configName)
                .collect(Collectors.joining(", "));
        try {
            String s = config.getString(key).trim();
            for (E e : values) {
                if (configName(e).equalsIgnoreCase(s)) {
                    return e;
                }
            }
        } catch (ConfigException.WrongType e) {
            // reported below
        }
        problem(key, "expected one of " + allowed);
        return values[0];
    }

    /** The spelling of an enum constant in configuration files: lower case, dashes. */
    public static String configName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String describe(String key) {
        if (!config.hasPathOrNull(key)) {
            return key + " (missing)";
        }
        ConfigValue v = config.getValue(key);
        return key + " = " + v.render(com.typesafe.config.ConfigRenderOptions.concise())
                + " (" + origin(v) + ")";
    }

    private static String origin(ConfigValue v) {
        String d = v.origin().description();
        return d == null ? "unknown origin" : d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String closest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = levenshtein(key, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
