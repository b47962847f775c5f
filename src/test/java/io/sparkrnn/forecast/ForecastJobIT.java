package io.sparkrnn.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecasting job on Spark {@code local[2]} over the real five-symbol sample (newest rows
 * first, YHOO ending six months early): walk-forward backtest with refits, every output, and
 * the forecast tool on the trained model.
 */
class ForecastJobIT {
    @TempDir
    Path tmp;


    @Test
    void encoderDecoderIsBacktestedBesideTheDirectNetwork() throws IOException {
        Path out = tmp.resolve("seq2seq");
        ForecastSummary run = ForecastJob.run(ForecastJobITSupport.small("data-samples/dash-stock-ticker-demo.csv",
                out.toString(), "model.strategy=seq2seq", "model.horizon=3"), SharedSpark.context());
        assertEquals(2, run.fits().size(), "the seq2seq fits; the direct ones beside them are for comparison");

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String p : List.of("model", "direct", "naive")) {
            assertTrue(metrics.at("/overall/" + p + "/mae").isNumber(), "overall." + p + ".mae: " + metrics);
        }
        int forecasts = metrics.at("/overall/model/forecasts").asInt();
        assertEquals(forecasts, metrics.at("/overall/direct/forecasts").asInt(), "both on the same origins and steps");
        assertTrue(forecasts > 0 && forecasts % 3 == 0, forecasts + " forecasts of 3 steps");
        String header = Files.readAllLines(ForecastJobITSupport.csvPart(out.resolve("forecasts-csv"))).get(0);
        assertTrue(header.endsWith(",direct"), header);
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("(encoder-decoder)") && report.contains("direct-output network"), "report compares");

        ForecastModelStore.Loaded model = ForecastModelStore.load(Storage.local(), out.toString());
        ForecastConfig next = ForecastConfig.LOADER.loadText(model.configText(), "saved", tmp.resolve("next").toString(),
                List.of("data.input=data-samples/dash-stock-ticker-demo.csv"));
        ForecastNextJob.Outcome forecast = ForecastNextJob.run(SharedSpark.context(), next, model, false);
        assertEquals(5, forecast.forecastSeries(), "the saved encoder-decoder forecasts every series");
        assertEquals(3, forecast.results().get(0).levels().length, "three steps ahead");
    }

    @Test
    void backtestsEverySeriesWithRefitsAndWritesEveryOutput() throws IOException {
        Path out = tmp.resolve("run");
        ForecastSummary run = ForecastJob.run(ForecastJobITSupport.small("data-samples/dash-stock-ticker-demo.csv", out.toString()),
                SharedSpark.context());

        assertEquals(20, run.folds().size(), "one fold per trading day from 2017-11-30 to 2017-12-28");
        assertEquals(2, run.fits().size(), "refit-every = 10 over 20 folds");
        assertTrue(run.folds().stream().allMatch(f -> f.fitFold() <= f.index()), "a fold uses a fit of its own past");
        assertEquals(List.of("AAPL", "COKE", "GOOGL", "TSLA", "YHOO"),
                run.series().stream().map(ForecastSummary.SeriesStats::id).toList());
        assertEquals(LocalDate.parse("2017-06-16"), LocalDate.ofEpochDay(run.series().get(4).lastDay()));

        List<String> names = Arrays.stream(out.toFile().list()).sorted().toList();
        for (String f : List.of("_SUCCESS", "config.conf", "forecasts", "forecasts-csv", "metrics.json", "model.zip",
                "report.html", "run.json", "transforms.json")) {
            assertTrue(names.contains(f), f + " missing: " + names);
        }
        assertTrue(names.stream().noneMatch(n -> n.startsWith(".") || n.equals("_work") || n.equals("rejected")),
                "no temporary files, work folder or rejected rows: " + names);
        long success = out.resolve("_SUCCESS").toFile().lastModified();
        for (File f : out.toFile().listFiles()) {
            assertTrue(f.lastModified() <= success, f.getName() + " written after _SUCCESS");
        }

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String p : List.of("model", "naive", "seasonal_naive")) {
            for (String m : List.of("mae", "rmse", "mape", "smape", "mase")) {
                assertTrue(metrics.at("/overall/" + p + "/" + m).isNumber(), "overall." + p + "." + m + ": " + metrics);
            }
        }
        assertTrue(metrics.at("/overall/model/skill_vs_naive").isNumber());
        assertEquals(Set.of("AAPL", "COKE", "GOOGL", "TSLA"), ForecastJobITSupport.fieldNames(metrics.get("per_series")),
                "YHOO has no data in December 2017, so no backtest forecast");
        assertEquals(4 * 20, metrics.at("/overall/model/forecasts").asInt(), "4 series x 20 one-step origins");

        SparkSession spark = SparkSession.builder().sparkContext(SharedSpark.context().sc()).getOrCreate();
        List<Row> rows = spark.read().parquet(out.resolve("forecasts").toString()).collectAsList();
        assertEquals(80, rows.size(), "Parquet forecasts");
        for (Row r : rows) {
            assertTrue(r.getDate(r.fieldIndex("origin")).before(r.getDate(r.fieldIndex("time"))),
                    "a forecast is for a time after its origin: " + r);
        }
        String header = Files.readAllLines(ForecastJobITSupport.csvPart(out.resolve("forecasts-csv"))).get(0);
        assertTrue(header.startsWith("series,origin,time,horizon,forecast,actual"), header);

        String report = Files.readString(out.resolve("report.html"));
        for (String s : List.of("AAPL", "YHOO", "directional accuracy")) {
            assertTrue(report.contains(s), "report mentions " + s);
        }

        ForecastModelStore.Loaded model = ForecastModelStore.load(Storage.local(), out.toString());
        assertEquals(5, model.fits().size(), "transforms of all five series saved with the model");
        assertEquals(LocalDate.parse("2017-06-16"), LocalDate.ofEpochDay(model.fits().get("YHOO").originDay()),
                "YHOO's scalers fitted on its own history");
        ForecastConfig next = ForecastConfig.LOADER.loadText(model.configText(), "saved", tmp.resolve("next").toString(),
                List.of("data.input=data-samples/dash-stock-ticker-demo.csv"));
        ForecastNextJob.Outcome forecast = ForecastNextJob.run(SharedSpark.context(), next, model, false);
        assertEquals(5, forecast.forecastSeries(), "every series forecast from its latest values");
        ForecastLatest.Result aapl = forecast.results().get(0);
        assertEquals(LocalDate.parse("2018-01-01"), LocalDate.ofEpochDay(aapl.days()[0]),
                "the weekday after Friday 2017-12-29");
        assertEquals("saved", aapl.scalers());
        assertTrue(Math.abs(aapl.levels()[0] / 169.23 - 1) < 0.2, "a next close near the last (169.23): "
                + aapl.levels()[0]);
        assertTrue(tmp.resolve("next/_SUCCESS").toFile().exists());
        assertEquals(5, spark.read().parquet(tmp.resolve("next/forecasts").toString()).count());
    }

    @Test
    void readsWideParquetWithOneColumnPerSeries() throws IOException {
        // The sample pivoted to the other common shape: one row per day, one close column per symbol.
        SparkSession spark = SparkSession.builder().sparkContext(SharedSpark.context().sc()).getOrCreate();
        Path wide = tmp.resolve("closes.parquet");
        spark.read().option("header", "true").csv("data-samples/dash-stock-ticker-demo.csv")
                .groupBy("Date").pivot("Stock").agg(org.apache.spark.sql.functions.first("Close").cast("double"))
                .write().parquet(wide.toString());
        Path out = tmp.resolve("wide-run");
        ForecastSummary run = ForecastJob.run(ForecastJobITSupport.small(wide.toString(), out.toString(),
                "data.format=parquet", "data.layout=wide", "data.id-column=", "data.target-column=",
                "data.missing=drop", "backtest.refit-every=20"), SharedSpark.context());
        assertEquals(List.of("AAPL", "COKE", "GOOGL", "TSLA", "YHOO"),
                run.series().stream().map(ForecastSummary.SeriesStats::id).toList(), "every column but Date is a series");
        ForecastSummary.SeriesStats yhoo = run.series().get(4);
        assertEquals(619, yhoo.length(), "YHOO's 619 closes; the days after it ended are empty cells, dropped");
        assertTrue(yhoo.dropped() >= 135 && yhoo.dropped() == yhoo.missing(),
                "the trading days after 2017-06-16 have no YHOO close and are dropped: " + yhoo);
        assertEquals(0, run.input().rejectedTotal(), "nothing rejected");
        assertEquals(4 * 20, run.errors("model", "overall").count(), "the same 80 forecasts as from the CSV");
    }
}
