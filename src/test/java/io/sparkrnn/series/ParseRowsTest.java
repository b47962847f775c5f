package io.sparkrnn.series;

import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Rows as Spark hands them to the parser: long, wide and malformed. */
class ParseRowsTest {
    private static List<Tuple2<String, RowParser.Parsed>> run(ParseRows f, Object... cells) {
        List<Tuple2<String, RowParser.Parsed>> out = new ArrayList<>();
        f.call(RowFactory.create(cells)).forEachRemaining(out::add);
        return out;
    }

    @Test
    void wideRowsGiveOneObservationPerSeriesColumn() {
        ParseRows wide = new ParseRows(List.of("Date", "MSFT", "IBM"), List.of(
                new RowParser(null, "Date", "MSFT", List.of(), "yyyy-MM-dd"),
                new RowParser(null, "Date", "IBM", List.of(), "yyyy-MM-dd")), true, ",");
        var out = run(wide, "2007-01-03", "23.95", "n/a?", "file:/in/stockdata.csv", 7L, null);
        assertEquals(2, out.size());
        assertEquals("MSFT", out.get(0)._2().observation().series());
        assertEquals(23.95, out.get(0)._2().observation().target(), 0);
        assertEquals(7L, out.get(0)._2().observation().order(), "the row's place in the file travels with it");
        assertEquals("file:/in/stockdata.csv", out.get(0)._2().observation().source());
        assertEquals("file:/in/stockdata.csv", out.get(1)._1());
        assertEquals("'n/a?' in column 'IBM' is not a number", out.get(1)._2().rejected().reason());
        assertEquals("2007-01-03,23.95,n/a?", out.get(1)._2().rejected().row(), "the row as read, for the rejected file");
    }

    @Test
    void aRowTheCsvReaderCouldNotSplitIsRejectedAsMalformed() {
        ParseRows longLayout = new ParseRows(List.of("Date", "Stock", "Close"), List.of(
                new RowParser("Stock", "Date", "Close", List.of(), "yyyy-MM-dd")), true, ",");
        var out = run(longLayout, "2017-12-29", "AAPL", "169.23", "f.csv", 3L, "2017-12-29,AAPL,169.23,extra");
        assertNull(out.get(0)._2().observation());
        assertEquals(RowParser.MALFORMED, out.get(0)._2().rejected().kind());
        assertEquals("the row has 4 cells where the header has a different number; it cannot be read as the header says",
                out.get(0)._2().rejected().reason());
    }
}
