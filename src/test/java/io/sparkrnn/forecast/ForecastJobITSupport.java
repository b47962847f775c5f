package io.sparkrnn.forecast;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the forecasting integration tests share: a small configuration and output readers. */
public final class ForecastJobITSupport {
    private ForecastJobITSupport() {
    }

    /** What makes conf/forecast-stocks.conf small: December 2017 as the test period, two refits, a tiny network. */
    public static final List<String> SMALL = List.of("model.hidden-size=8", "model.input-length=10",
            "training.epochs=2", "backtest.test-start=2017-12-01", "backtest.refit-every=10",
            "backtest.window-length=200");

    /** conf/forecast-stocks.conf made small, reading {@code input}. */
    public static ForecastConfig small(String input, String out, String... more) {
        List<String> sets = new ArrayList<>();
        sets.add("data.input=" + input);
        sets.addAll(SMALL);
        sets.addAll(Arrays.asList(more));
        return ForecastConfig.LOADER.load(Path.of("conf/forecast-stocks.conf"), out, sets);
    }

    public static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The CSV part file Spark wrote into a folder. */
    public static Path csvPart(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        }
    }
}
