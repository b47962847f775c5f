package io.sparkrnn.docs;

import io.sparkrnn.classify.ClassifyConfig;
import io.sparkrnn.forecast.ForecastConfig;
import io.sparkrnn.lm.LmConfig;


import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's configuration references list exactly the keys and defaults the jobs use. */
class ReadmeReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([^`]*)` \\|");

    /** Rows of the tables under a second-level heading of README.md. */
    private static Map<String, String> table(String heading) throws IOException {
        Map<String, String> rows = new TreeMap<>();
        String current = "";
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("## ")) {
                current = line.substring(3).trim();
            }
            Matcher m = ROW.matcher(line);
            if (current.equals(heading) && m.find() && m.group(1).contains(".")) {
                rows.put(m.group(1), unquote(m.group(2)));
            }
        }
        return rows;
    }

    private static Map<String, String> expected(Config defaults) {
        return defaults.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> unquote(e.getValue().render(ConfigRenderOptions.concise())), (a, b) -> a, TreeMap::new));
    }

    @Test
    void readmeTableMatchesTheDefaultsFile() throws IOException {
        assertEquals(expected(LmConfig.LOADER.defaults()), table("Configuration"),
                "README.md configuration table versus lm-defaults.conf");
    }

    @Test
    void forecastingTableMatchesItsDefaultsFile() throws IOException {
        assertEquals(expected(ForecastConfig.LOADER.defaults()), table("Forecasting"),
                "README.md forecasting table versus forecast-defaults.conf");
    }

    @Test
    void classificationTableMatchesItsDefaultsFile() throws IOException {
        assertEquals(expected(ClassifyConfig.LOADER.defaults()), table("Sequence classification"),
                "README.md classification table versus classify-defaults.conf");
    }

    /** Text without quotes; numbers in one notation (README says 0.0 where HOCON renders 0). */
    private static String unquote(String s) {
        String t = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        try {
            return String.valueOf(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return t;
        }
    }
}
