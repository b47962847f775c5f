package io.sparkrnn.forecast;

import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.job.ReportPage;
import io.sparkrnn.core.job.RunRecord;
import io.sparkrnn.core.report.Json;

import io.sparkrnn.core.report.Html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three forecasting reports of a hand-built run, against numbers worked out by hand. */
class ForecastReportTest {
    private static final long D0 = LocalDate.of(2024, 1, 1).toEpochDay();
    private static final ObjectMapper JSON = new ObjectMapper();

    /*
     * Two series, 3 folds (origins at days 30, 32, 34), H = 2: 6 forecasts per series.
     * AAA: actual 100, origin 95, model 98 (error 2), naive 96 (error 4), seasonal naive 101 (error 1).
     * BBB: actual 200, origin 210, model 206 (error 6), naive 190 (error 10), no seasonal naive.
     * Overall: model MAE (6*2 + 6*6) / 12 = 4, naive MAE (6*4 + 6*10) / 12 = 7, skill 1 - 4/7 = 3/7.
     * Model MAPE 100 * (6*0.02 + 6*0.03) / 12 = 2.5; naive MAPE 100 * (6*0.04 + 6*0.05) / 12 = 4.5;
     * seasonal naive MAPE (AAA only) 1: the model beats the naive, not the seasonal naive.
     */
    private static ForecastSummary summary(boolean withPlots) {
        ForecastConfig config = ForecastConfig.LOADER.load(null, "/tmp/out", List.of("data.input=x",
                "data.time-column=Date", "data.target-column=Close", "model.horizon=2"));
        List<FoldPlan> folds = List.of(new FoldPlan(0, D0 + 30, D0, 0), new FoldPlan(1, D0 + 32, D0, 0),
                new FoldPlan(2, D0 + 34, D0, 2));
        Map<String, ForecastErrors> errors = new HashMap<>();
        List<ForecastRow> rowsA = new ArrayList<>();
        List<ForecastRow> rowsB = new ArrayList<>();
        for (FoldPlan f : folds) {
            for (int h = 1; h <= 2; h++) {
                add(errors, "AAA", f.index(), h, "model", 100, 98, 95);
                add(errors, "AAA", f.index(), h, "naive", 100, 96, 95);
                add(errors, "AAA", f.index(), h, "seasonal_naive", 100, 101, 95);
                add(errors, "BBB", f.index(), h, "model", 200, 206, 210);
                add(errors, "BBB", f.index(), h, "naive", 200, 190, 210);
                long target = f.originDay() + h;
                rowsA.add(new ForecastRow("AAA", f.index(), f.originDay(), target, h, 100, 95, 2, 98, Double.NaN, 96, 101,
                        97, 90, 94));
                rowsB.add(new ForecastRow("BBB", f.index(), f.originDay(), target, h, 200, 210, 2, 206, Double.NaN, 190,
                        Double.NaN, 205, 180, 195));
            }
        }
        errors.put("drift|series:BBB", new ForecastErrors()); // no forecasts: every measure NaN
        long[] days = new long[40];
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            days[i] = D0 + i;
            a[i] = 90 + 10 * Math.sin(i / 5.0);
            b[i] = 200 + 15 * Math.cos(i / 4.0);
        }
        List<ForecastSummary.SeriesPlot> plots = withPlots ? List.of(new ForecastSummary.SeriesPlot("AAA", days, a,
                rowsA), new ForecastSummary.SeriesPlot("BBB", days, b, rowsB)) : List.of();
        ForecastSummary.InputStats input = new ForecastSummary.InputStats(List.of("file:/data/prices.csv"), 12_345,
                85, Map.of(RowParser.BAD_DATE, 3L, RowParser.BAD_NUMBER, 1L), "/tmp/out/rejected",
                Map.of("blank line", 0L, "header line", 1L));
        List<ForecastSummary.SeriesStats> series = List.of(
                new ForecastSummary.SeriesStats("AAA", 40, D0, D0 + 39, 0, 0, 0, 0, ""),
                new ForecastSummary.SeriesStats("BBB", 40, D0, D0 + 39, 1, 2, 2, 0, ""),
                new ForecastSummary.SeriesStats("CCC", 5, D0, D0 + 4, 0, 0, 0, 0, "too short: 5 values"));
        List<ForecastSummary.FitStats> fits = List.of(
                new ForecastSummary.FitStats(0, D0 + 30, 50, List.of(0.9, 0.6, 0.5), 4.0, false),
                new ForecastSummary.FitStats(2, D0 + 34, 54, List.of(0.8, 0.55), 3.0, true));
        ForecastSummary.FitStats finalFit = new ForecastSummary.FitStats(3, D0 + 39, 58, List.of(0.7, 0.5), 3.5, false);
        return new ForecastSummary(config, input, series, folds, fits, finalFit, errors, plots, 2);
    }

    private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant FINISHED = Instant.parse("2024-05-01T10:01:30Z");

    /** The report page as the skeleton frames it. */
    private static String page(ForecastSummary s) {
        return ForecastReport.page(s).render("Forecasting report", new ReportPage.Frame(Map.of("read", 1.5), 90,
                ForecastConfig.LOADER.toHocon(s.config()), Map.of("spark-rnn", "test"), Map.of("master", "local[2]"),
                STARTED, FINISHED, false));
    }

    private static void add(Map<String, ForecastErrors> errors, String series, int fold, int h, String predictor,
                            double actual, double forecast, double origin) {
        for (String scope : List.of("overall", "series:" + series, "horizon:" + h, "fold:" + fold)) {
            errors.computeIfAbsent(predictor + "|" + scope, k -> new ForecastErrors()).add(actual, forecast, origin, 2);
        }
    }

    private static void near(double expected, JsonNode node, String what) {
        assertTrue(node != null && node.isNumber(), what + ": expected a number, got " + node);
        assertEquals(expected, node.asDouble(), 1e-9, what + ": expected " + expected + ", got " + node.asDouble());
    }

    @Test
    void metricsJsonHoldsTheHandComputedMeasures() throws Exception {
        String text = Json.write(ForecastMetricsJson.render(summary(true)));
        JsonNode m = JSON.readTree(text);
        near(2.5, m.at("/overall/model/mape"), "overall model MAPE");
        near(7.0, m.at("/overall/naive/mae"), "overall naive MAE");
        near(3.0 / 7, m.at("/overall/model/skill_vs_naive"), "overall model skill vs naive");
        near(2.0, m.at("/overall/model/mase"), "overall model MASE (MAE 4 / scale 2)");
        assertEquals(12, m.at("/overall/model/forecasts").asLong(), text);
        near(1.0, m.at("/per_series/AAA/seasonal_naive/mape"), "AAA seasonal naive MAPE");
        assertTrue(m.at("/per_series/AAA").isObject() && m.at("/per_series/BBB").isObject(), "both series in " + text);
        assertFalse(m.at("/per_series/BBB").has("seasonal_naive"), "no seasonal naive for BBB: " + m.at("/per_series/BBB"));
        assertTrue(m.at("/per_series/BBB/drift/mae").isNull(), "empty sums give null: " + m.at("/per_series/BBB/drift"));
        near(4.0, m.at("/per_horizon/2/model/mae"), "step-2 model MAE ((3*2 + 3*6) / 6)");
        assertEquals("2024-02-02", m.at("/per_fold/1/origin").asText(), text);
        assertTrue(m.at("/beats/naive").asBoolean(), "model MAPE 2.5 < naive 4.5");
        assertFalse(m.at("/beats/seasonal_naive").asBoolean(), "model MAPE 2.5 >= seasonal naive 1");
        assertEquals(4, m.at("/rejected_rows").asLong(), text);
        assertEquals(2, m.at("/series_used").asLong(), text);
        assertEquals(1, m.at("/series_excluded").asLong(), text);
    }

    @Test
    void runJsonHoldsTheInputAndTheSeries() throws Exception {
        ForecastSummary summary = summary(true);
        String text = new RunRecord("train-forecast", Map.of("spark-rnn", "test"), Map.of("master", "local[2]"), 2,
                summary.config().training().seed(), STARTED, FINISHED, null, 7.0, Map.of("read", 1.5),
                List.of(new InputFile("file:/data/prices.csv", 12_345)), "file:/tmp/out",
                ForecastConfig.LOADER.toHocon(summary.config()), ForecastRunJson.details(summary)).render();
        JsonNode r = JSON.readTree(text);
        for (String kind : RowParser.KINDS) {
            assertTrue(r.at("/task/input/rejected").has(kind), "kind " + kind + " listed in " + r.at("/task/input/rejected"));
        }
        assertEquals(3, r.at("/task/input/rejected").get(RowParser.BAD_DATE).asLong(), text);
        assertEquals(0, r.at("/task/input/rejected").get(RowParser.MALFORMED).asLong(), text);
        assertEquals("/tmp/out/rejected", r.at("/task/input/rejected_path").asText(), text);
        assertEquals("AAA", r.at("/task/series/0/id").asText(), text);
        assertEquals("BBB", r.at("/task/series/1/id").asText(), text);
        assertEquals(2, r.at("/task/series/1/filled").asInt(), text);
        assertEquals("2024-02-09", r.at("/task/series/0/last").asText(), text);
        assertEquals(2, r.at("/task/folds/2/fit_fold").asInt(), text);
        near(0.5, r.at("/task/fits/0/final_loss"), "fold-0 fit's last loss");
        assertTrue(r.at("/task/fits/1/stopped_by_time_limit").asBoolean(), text);
        assertEquals(2, r.at("/task/final_fit/epochs").asInt(), text);
        assertEquals(summary(false).config().training().seed(), r.at("/seed").asLong(), text);
        assertEquals(2, r.at("/config/model/horizon").asInt(), text);
        near(90.0, r.at("/wall_seconds"), "wall seconds");
    }

    @Test
    void reportShowsKindsSeriesHeadlineAndCharts() {
        String html = page(summary(true));
        for (String kind : RowParser.KINDS) {
            assertTrue(html.contains(Html.esc(kind)), "report lists rejection kind " + kind);
        }
        assertTrue(html.contains("AAA") && html.contains("BBB"), "report names both series");
        assertTrue(html.contains("NOT below the seasonal-naive baseline (1.00%)"), "headline against seasonal naive");
        assertTrue(html.contains("below the naive baseline (4.50%)"), "headline against naive");
        assertTrue(html.contains("Model MAPE 2.50%"), "headline states the model's MAPE");
        assertTrue(html.contains("directional accuracy 100.0% (always-up 100.0%)"), "AAA direction beside up rate");
        assertTrue(html.contains("too short: 5 values"), "excluded series with its reason");
        assertTrue(html.contains("/tmp/out/rejected"), "where rejected rows went");
        int images = html.split("data:image/png;base64,", -1).length - 1;
        assertEquals(3, images, "2 series charts, 1 learning curve, counted " + images + " images");
        assertFalse(html.contains("chart not drawn"), "every chart drawn");
        assertFalse(html.contains("<script"), "no scripts");
    }

    @Test
    void reportWithoutPlotsStillRenders() {
        String html = page(summary(false));
        assertTrue(html.contains("No series drawn"), "says that nothing was drawn");
        assertTrue(html.endsWith("</html>\n"), "complete page");
    }
}
