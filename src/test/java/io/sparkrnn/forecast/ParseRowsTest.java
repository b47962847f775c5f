package io.sparkrnn.forecast;

import io.sparkrnn.core.table.SplitLines;
import io.sparkrnn.core.table.TableRow;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Lines as the shared table reader hands them to the parser: long, wide, malformed, skipped. */
class ParseRowsTest {
    /** A CSV line through the shared splitter (all columns wanted), then the parser. */
    private static List<Tuple2<String, RowParser.Parsed>> csv(List<String> header, ParseRows f, String line,
                                                              String file, long position) {
        SplitLines split = new SplitLines(header, IntStream.range(0, header.size()).toArray(), ',');
        return run(f, split.call(RowFactory.create(line, file, position)));
    }

    private static List<Tuple2<String, RowParser.Parsed>> run(ParseRows f, TableRow row) {
        List<Tuple2<String, RowParser.Parsed>> out = new ArrayList<>();
        f.call(row).forEachRemaining(out::add);
        return out;
    }

    @Test
    void wideRowsGiveOneObservationPerSeriesColumn() {
        List<String> header = List.of("Date", "MSFT", "IBM");
        ParseRows wide = new ParseRows(header, List.of(
                new RowParser(null, "Date", "MSFT", List.of(), "yyyy-MM-dd"),
                new RowParser(null, "Date", "IBM", List.of(), "yyyy-MM-dd")));
        var headerLine = csv(header, wide, "\"Date\",MSFT,IBM", "f", 0L);
        assertEquals(1, headerLine.size());
        assertNull(headerLine.get(0)._2().observation(), "a header line, quoted or not, is no row");
        assertEquals("header line", headerLine.get(0)._2().kind(), "it is counted as a header line");
        assertEquals("blank line", csv(header, wide, "", "f", 1L).get(0)._2().kind(), "a blank line is counted");
        var out = csv(header, wide, "2007-01-03,\"23.95\",n/a?", "file:/in/stockdata.csv", 7L);
        assertEquals(2, out.size());
        assertEquals("MSFT", out.get(0)._2().observation().series());
        assertEquals(23.95, out.get(0)._2().observation().target(), 0);
        assertEquals(7L, out.get(0)._2().observation().order(), "the row's place in the file travels with it");
        assertEquals("file:/in/stockdata.csv", out.get(0)._2().observation().source());
        assertEquals("file:/in/stockdata.csv", out.get(1)._1());
        assertEquals("'n/a?' in column 'IBM' is not a number", out.get(1)._2().rejected().reason());
        assertEquals("2007-01-03,\"23.95\",n/a?", out.get(1)._2().rejected().row(), "the line as read, for the rejected file");
    }

    @Test
    void linesWithMoreOrFewerCellsThanTheHeaderAreRejectedAsMalformed() {
        List<String> header = List.of("Date", "Stock", "Close");
        ParseRows longLayout = new ParseRows(header, List.of(
                new RowParser("Stock", "Date", "Close", List.of(), "yyyy-MM-dd")));
        var out = csv(header, longLayout, "2017-12-29,AAPL,169.23,extra", "f.csv", 3L);
        assertNull(out.get(0)._2().observation());
        assertEquals(RowParser.MALFORMED, out.get(0)._2().rejected().kind());
        assertEquals("the row has 4 cells where the header has 3; it cannot be read as the header says",
                out.get(0)._2().rejected().reason());
        assertEquals("the row has 2 cells where the header has 3; it cannot be read as the header says",
                csv(header, longLayout, "2017-12-29,AAPL", "f.csv", 4L).get(0)._2().rejected().reason());
        var quoted = csv(header, longLayout, "2017-12-29,\"AAPL, Inc.\",169.23", "f.csv", 5L).get(0)._2().observation();
        assertEquals("AAPL, Inc.", quoted.series(), "a quoted delimiter is part of the cell");
        assertNull(csv(header, longLayout, "2017-12-29,AAPL,", "f.csv", 6L).get(0)._2().rejected(),
                "an empty last cell is a missing value, not a missing cell");
    }

    @Test
    void parquetRowsCarryTheirColumnsThenFileAndPosition() {
        ParseRows parquet = new ParseRows(List.of("Date", "Close"), List.of(
                new RowParser(null, "Date", "Close", List.of(), "yyyy-MM-dd")));
        var out = run(parquet, TableRow.row("part-0.parquet", 2L, new String[]{"2017-12-29", null}, "2017-12-29,"));
        assertEquals(Double.NaN, out.get(0)._2().observation().target(), "a null cell is a missing value");
        assertEquals(2L, out.get(0)._2().observation().order());
    }
}
