package io.sparkrnn.config;

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

/** The README's configuration reference lists exactly the keys and defaults the job uses. */
class ReadmeReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([^`]*)` \\|");

    @Test
    void readmeTableMatchesTheDefaultsFile() throws IOException {
        Map<String, String> readme = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find() && m.group(1).contains(".")) {
                readme.put(m.group(1), unquote(m.group(2)));
            }
        }
        Config defaults = LmConfigLoader.defaults();
        Map<String, String> expected = defaults.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> unquote(e.getValue().render(ConfigRenderOptions.concise())), (a, b) -> a, TreeMap::new));
        assertEquals(expected, readme, "README.md configuration table versus lm-defaults.conf");
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
