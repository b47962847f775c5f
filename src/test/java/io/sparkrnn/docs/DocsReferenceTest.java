package io.sparkrnn.docs;

import io.sparkrnn.caption.CaptionConfig;
import io.sparkrnn.classify.ClassifyConfig;
import io.sparkrnn.forecast.ForecastConfig;
import io.sparkrnn.lm.LmConfig;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The configuration references in {@code docs/} list exactly the keys and defaults the jobs
 * use. The shared sections are documented once, in running-jobs.md, against the core defaults
 * files; each task's guide lists its own keys and the shared keys whose defaults it changes,
 * and the two together must equal the task's resolved defaults.
 */
class DocsReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([^`]*)` \\|");
    private static final String SHARED_DOC = "docs/running-jobs.md";
    private static final List<String> SHARED_FILES = List.of("training", "output", "checkpoint");

    /** Rows of the tables in the "## Configuration" section of a docs file, its subsections included. */
    private static Map<String, String> configurationRows(String file) throws IOException {
        Map<String, String> rows = new TreeMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.startsWith("## ")) {
                inSection = line.substring(3).trim().equals("Configuration");
            }
            Matcher m = ROW.matcher(line);
            if (inSection && m.find() && m.group(1).contains(".")) {
                String before = rows.put(m.group(1), unquote(m.group(2)));
                assertNull(before, file + " lists " + m.group(1) + " twice");
            }
        }
        return rows;
    }

    private static Map<String, String> expected(Config defaults) {
        return defaults.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> unquote(e.getValue().render(ConfigRenderOptions.concise())), (a, b) -> a, TreeMap::new));
    }

    private static Map<String, String> sharedDefaults() {
        Map<String, String> all = new TreeMap<>();
        for (String name : SHARED_FILES) {
            all.putAll(expected(ConfigFactory.parseResources("io/sparkrnn/core/config/" + name + ".conf").resolve()));
        }
        return all;
    }

    @Test
    void theSharedSectionsMatchTheCoreDefaults() throws IOException {
        List<String> wrong = differences(sharedDefaults(), configurationRows(SHARED_DOC));
        assertEquals(List.of(), wrong, SHARED_DOC + " versus src/main/resources/io/sparkrnn/core/config/*.conf");
    }

    @Test
    void languageModelGuideMatchesItsDefaults() throws IOException {
        check("docs/language-model.md", LmConfig.LOADER.defaults());
    }

    @Test
    void forecastingGuideMatchesItsDefaults() throws IOException {
        check("docs/forecasting.md", ForecastConfig.LOADER.defaults());
    }

    @Test
    void classificationGuideMatchesItsDefaults() throws IOException {
        check("docs/classification.md", ClassifyConfig.LOADER.defaults());
    }

    @Test
    void captioningGuideMatchesItsDefaults() throws IOException {
        check("docs/captioning.md", CaptionConfig.LOADER.defaults());
    }

    /**
     * The task guide's rows over the shared rows of the sections the task has equal its
     * defaults, and the guide repeats no shared key at the shared default.
     */
    private static void check(String guide, Config defaults) throws IOException {
        Map<String, String> actual = expected(defaults);
        Map<String, String> shared = configurationRows(SHARED_DOC);
        Map<String, String> own = configurationRows(guide);
        Map<String, String> effective = new TreeMap<>();
        shared.forEach((k, v) -> {
            if (actual.containsKey(k)) {
                effective.put(k, v);
            }
        });
        effective.putAll(own);
        assertEquals(List.of(), differences(actual, effective),
                guide + " (with the shared rows of " + SHARED_DOC + ") versus its defaults");
        List<String> repeated = new ArrayList<>();
        own.forEach((k, v) -> {
            if (v.equals(shared.get(k))) {
                repeated.add(k + " = " + v);
            }
        });
        assertEquals(List.of(), repeated, guide + " repeats shared defaults; list only the keys whose default differs");
    }

    /** Each key whose documented default is not the real one, or that only one side has. */
    private static List<String> differences(Map<String, String> defaults, Map<String, String> documented) {
        Map<String, String> keys = new TreeMap<>(defaults);
        documented.forEach(keys::putIfAbsent);
        List<String> wrong = new ArrayList<>();
        for (String k : keys.keySet()) {
            String real = defaults.get(k);
            String doc = documented.get(k);
            if (real == null) {
                wrong.add(k + ": documented (" + doc + ") but not a key of the job");
            } else if (doc == null) {
                wrong.add(k + ": default " + real + " but not documented");
            } else if (!real.equals(doc)) {
                wrong.add(k + ": documented " + doc + ", default " + real);
            }
        }
        return wrong;
    }

    /** Text without quotes; numbers in one notation (the docs say 0.0 where HOCON renders 0). */
    private static String unquote(String s) {
        String t = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        try {
            return String.valueOf(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return t;
        }
    }
}
