package io.sparkrnn.forecast;

import io.sparkrnn.core.config.ConfigProblems;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastConfigLoaderTest {
    @Test
    void shippedConfigurationsLoadAndRoundTrip() {
        for (String name : List.of("forecast-airline.conf", "forecast-stocks.conf")) {
            ForecastConfig c = ForecastConfig.LOADER.load(Path.of("conf", name), "/tmp/out", List.of());
            assertEquals(c, ForecastConfig.LOADER.loadText(ForecastConfig.LOADER.toHocon(c), "saved", null, List.of()),
                    name + " reads back equal from its saved form");
        }
        ForecastConfig air = ForecastConfig.LOADER.load(Path.of("conf/forecast-airline.conf"), "/tmp/out", List.of());
        assertEquals(SeriesAssembler.Frequency.MONTH, air.data().frequency());
        assertEquals(TargetTransform.LOG_RETURN, air.model().transform());
        assertEquals("1958-01", air.backtest().testStart());
        assertEquals(2, air.inputChannels(), "the target and the fill mask (data.missing = fill)");
    }

    @Test
    void schemaProblemsAreReportedTogether() {
        ConfigProblems e = assertThrows(ConfigProblems.class, () -> ForecastConfig.LOADER.load(null, null, List.of(
                "data.layout=wide", "data.covariates=Volume", "data.id-column=Stock", "data.date-format=yyyy-QQQ-bogus{",
                "backtest.window=sliding", "backtest.window-length=10", "model.input-length=20",
                "backtest.test-start=1958", "model.transform=log")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("data.input is not set"), all);
        assertTrue(all.contains("data.time-column is not set"), all);
        assertTrue(all.contains("data.covariates = \"Volume\"") && all.contains("wide layout"), all);
        assertTrue(all.contains("data.id-column = \"Stock\""), all);
        assertTrue(all.contains("data.date-format") && all.contains("java.time date pattern"), all);
        assertTrue(all.contains("model.transform = \"log\"") && all.contains("level, difference, log-return"), all);
        assertTrue(all.contains("output.path is not set"), all);
    }

    @Test
    void aSlidingWindowMustHoldOneTrainingExample() {
        ConfigProblems e = assertThrows(ConfigProblems.class, () -> ForecastConfig.LOADER.load(null, "/tmp/o", List.of(
                "data.input=x", "data.time-column=t", "data.target-column=y", "backtest.window=sliding",
                "backtest.window-length=10", "model.input-length=20", "backtest.test-start=19xx")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("backtest.window-length = \"10\"") && all.contains("at least model.input-length + "
                + "model.horizon + 1 (the transform's lag) = 22"), all);
        assertTrue(all.contains("backtest.test-start = \"19xx\"") && all.contains("data.date-format (yyyy-MM-dd)"), all);
        assertEquals(2, e.problems().size(), all);
    }
}
