package io.sparkrnn.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecasting job's answer to malformed CSV input, on Spark: real AAPL and GOOGL rows of the
 * stock sample with an unparseable number, a missing date, an impossible date, a row with an
 * extra cell, a duplicate timestamp, a missing value and a series shorter than L + H mixed in.
 * Every rejected row is counted by kind and written with its reason; what the policies change
 * is counted per series; a "fail" policy stops the run naming the series and the date.
 */
class ForecastBadInputIT {
    private static final String HEADER = ",Date,Open,High,Low,Close,Volume,ExDividend,SplitRatio,AdjOpen,AdjHigh,"
            + "AdjLow,AdjClose,AdjVolume,Stock";

    @TempDir
    Path tmp;

    /** The newest 80 rows of AAPL and GOOGL from the sample, newest first as there, plus {@code extra}. */
    private Path input(List<String> extra) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (String symbol : List.of("AAPL", "GOOGL")) {
            Files.readAllLines(Path.of("data-samples/dash-stock-ticker-demo.csv")).stream()
                    .filter(l -> l.endsWith("," + symbol)).limit(80).forEach(lines::add);
        }
        lines.addAll(extra);
        Path f = tmp.resolve("prices.csv");
        Files.write(f, lines);
        return f;
    }

    private static String row(String date, String close, String stock) {
        return "0," + date + ",1,1,1," + close + ",100,0,1,1,1,1," + close + ",100," + stock;
    }

    private ForecastSummary job(Path input, Path out, String... more) throws IOException {
        List<String> sets = new ArrayList<>(List.of("backtest.test-start=2017-12-20", "training.epochs=1",
                "data.duplicates=last"));
        sets.addAll(List.of(more));
        return ForecastJob.run(ForecastJobITSupport.small(input.toString(), out.toString(),
                sets.toArray(new String[0])), SharedSpark.context());
    }

    @Test
    void badRowsAreCountedWrittenAndReportedAndTheRestIsUsed() throws IOException {
        List<String> extra = new ArrayList<>(List.of(
                row("2017-12-27", "abc", "AAPL"),           // unparseable number
                row("", "170.0", "AAPL"),                   // missing date
                row("2017-02-30", "170.0", "GOOGL"),        // impossible date
                row("2017-12-26", "1000.0", "GOOGL") + ",surplus", // one cell too many
                row("2017-12-28", "171.50", "AAPL"),        // duplicate of a real row: data.duplicates = last
                row("2017-12-22", "", "GOOGL")));           // a missing value on a real day: filled
        for (int d = 1; d <= 5; d++) {
            extra.add(row("2017-12-0" + d, String.valueOf(10 + d), "TINY")); // 5 values < L + H + 1
        }
        Path out = tmp.resolve("run");
        ForecastSummary run = job(input(extra), out);

        assertEquals(1, run.input().rejected().get(RowParser.BAD_NUMBER), "unparseable numbers");
        assertEquals(1, run.input().rejected().get(RowParser.NO_DATE), "missing dates");
        assertEquals(1, run.input().rejected().get(RowParser.BAD_DATE), "impossible dates");
        assertEquals(1, run.input().rejected().get(RowParser.MALFORMED), "rows with a wrong number of cells");
        assertEquals(4, run.input().rejectedTotal());
        assertEquals(160 + extra.size(), run.input().rows(), "every row read is counted");

        Path rejectedCsv = io.sparkrnn.forecast.ForecastJobITSupport.csvPart(out.resolve("rejected"));
        List<String> rejected = Files.readAllLines(rejectedCsv);
        assertEquals("file,kind,reason,row", rejected.get(0));
        assertEquals(5, rejected.size(), "header + 4 rejected rows: " + rejected);
        String all = String.join("\n", rejected);
        assertTrue(all.contains("'abc' in column 'Close' is not a number"), all);
        assertTrue(all.contains("date '2017-02-30' in column 'Date' does not match the pattern 'yyyy-MM-dd'"), all);
        assertTrue(all.contains("no date in column 'Date'"), all);
        assertTrue(all.contains("surplus"), "the malformed row is kept as it was: " + all);
        assertTrue(all.contains("prices.csv"), "each rejected row names its file: " + all);

        ForecastSummary.SeriesStats aapl = stats(run, "AAPL");
        ForecastSummary.SeriesStats googl = stats(run, "GOOGL");
        ForecastSummary.SeriesStats tiny = stats(run, "TINY");
        assertEquals(1, aapl.duplicates(), "AAPL 2017-12-28 twice");
        assertEquals(1, googl.missing(), "GOOGL 2017-12-22 without a close");
        assertEquals(1, googl.filled());
        assertEquals(80, aapl.length(), "80 days, the duplicate resolved");
        ForecastSummary.SeriesPlot aaplValues = run.plots().stream().filter(p -> p.id().equals("AAPL")).findFirst()
                .orElseThrow();
        int at = java.util.Arrays.binarySearch(aaplValues.days(), java.time.LocalDate.parse("2017-12-28").toEpochDay());
        assertEquals(171.50, aaplValues.values()[at], 0, "data.duplicates = last keeps the row further down the file");
        assertTrue(aapl.firstDay() < aapl.lastDay(), "rows sorted by time although the file is newest first");
        assertEquals("it has 5 values; a training window needs model.input-length + model.horizon + 1 = 12",
                tiny.excluded());

        JsonNode runJson = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(1, runJson.at("/task/input/rejected/" + RowParser.BAD_NUMBER).asInt(),
                "run.json: " + runJson.at("/task/input"));
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("TINY") && report.contains("it has 5 values"), "the report names the short series");
        for (String kind : RowParser.KINDS) {
            assertTrue(report.contains(kind), "the report counts '" + kind + "'");
        }
    }

    @Test
    void failPoliciesStopTheRunNamingSeriesAndDate() throws IOException {
        Path dup = input(List.of(row("2017-12-28", "171.50", "AAPL")));
        DataException e = assertThrows(DataException.class,
                () -> job(dup, tmp.resolve("a"), "data.duplicates=fail"));
        assertTrue(e.getMessage().contains("series 'AAPL' has 2 rows for 2017-12-28 (data.duplicates = fail"),
                e.getMessage());

        Path gap = input(List.of(row("2017-12-22", "NA", "GOOGL")));
        e = assertThrows(DataException.class, () -> job(gap, tmp.resolve("b"), "data.missing=fail"));
        assertTrue(e.getMessage().contains("series 'GOOGL' has no value for 2017-12-22 (data.missing = fail"),
                e.getMessage());
    }

    @Test
    void onlyShortSeriesOrNoUsableRowsAreRefusedWithTheReason() throws IOException {
        Path shortOnly = tmp.resolve("short.csv");
        Files.write(shortOnly, List.of(HEADER, row("2017-12-01", "1", "A"), row("2017-12-04", "2", "A")));
        DataException e = assertThrows(DataException.class, () -> job(shortOnly, tmp.resolve("c")));
        assertTrue(e.getMessage().startsWith("no series can be used: ['A': it has 2 values"), e.getMessage());

        Path garbage = tmp.resolve("garbage.csv");
        Files.write(garbage, List.of(HEADER, row("yesterday", "1", "A"), row("2017-12-04", "x", "A")));
        e = assertThrows(DataException.class, () -> job(garbage, tmp.resolve("d")));
        assertTrue(e.getMessage().startsWith("data.input: all 2 rows were rejected"), e.getMessage());
        assertTrue(tmp.resolve("d/rejected").toFile().isDirectory(), "rejected rows are written even then");

        Path noColumn = tmp.resolve("nocol.csv");
        Files.write(noColumn, List.of("Day,Close,Stock", "2017-12-01,1,A"));
        e = assertThrows(DataException.class, () -> job(noColumn, tmp.resolve("e")));
        assertTrue(e.getMessage().contains("has the columns [Day, Close, Stock]; the configuration names [Date]"),
                e.getMessage());
    }

    private static ForecastSummary.SeriesStats stats(ForecastSummary run, String id) {
        return run.series().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
