package io.sparkrnn.forecast;

import io.sparkrnn.core.table.Cells;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows of the stock and airline files, good and malformed. */
class RowParserTest {
    private static final RowParser STOCKS = new RowParser("Stock", "Date", "Close", List.of("Volume"), "yyyy-MM-dd");

    private static RowParser.Parsed stock(String date, String close, String volume) {
        Map<String, String> row = new java.util.HashMap<>();
        row.put("Stock", "AAPL");
        row.put("Date", date);
        row.put("Close", close);
        row.put("Volume", volume);
        return STOCKS.parse(row::get, "AAPL," + date + "," + close + "," + volume);
    }

    @Test
    void aGoodRowBecomesAnObservation() {
        RowParser.Parsed p = stock("2017-12-29", "169.23", "25643711.0");
        assertNull(p.rejected());
        assertEquals("AAPL", p.observation().series());
        assertEquals(LocalDate.of(2017, 12, 29).toEpochDay(), p.observation().epochDay());
        assertEquals(169.23, p.observation().target());
        assertArrayEquals(new double[]{25643711.0}, p.observation().covariates());
    }

    @Test
    void missingCellsAreNaNNotErrors() {
        for (String missing : new String[]{"", " ", "NA", "NaN", "null"}) {
            RowParser.Parsed p = stock("2017-12-29", missing, "1");
            assertNull(p.rejected(), "'" + missing + "' is a missing value");
            assertTrue(Double.isNaN(p.observation().target()));
        }
    }

    @Test
    void unparseableNumbersAndDatesAreRejectedWithTheColumnAndValue() {
        assertEquals("'12,5' in column 'Close' is not a number", stock("2017-12-29", "12,5", "1").rejected().reason());
        assertEquals("'12d' in column 'Close' is not a number", stock("2017-12-29", "12d", "1").rejected().reason());
        assertEquals("'Infinity' in column 'Close' is not a number",
                stock("2017-12-29", "Infinity", "1").rejected().reason());
        assertEquals("'lots' in column 'Volume' is not a number", stock("2017-12-29", "1", "lots").rejected().reason());
        assertEquals("no date in column 'Date'", stock("", "1", "1").rejected().reason());
        assertEquals("date '2017-02-30' in column 'Date' does not match the pattern 'yyyy-MM-dd'",
                stock("2017-02-30", "1", "1").rejected().reason(), "dates are checked strictly");
        assertEquals("date '29/12/2017' in column 'Date' does not match the pattern 'yyyy-MM-dd'",
                stock("29/12/2017", "1", "1").rejected().reason());
        assertEquals("AAPL,29/12/2017,1,1", stock("29/12/2017", "1", "1").rejected().row(), "the row is kept");
        assertEquals(1.5e3, Cells.number("1.5e3"));
        assertEquals(-0.5, Cells.number("-.5"));
    }

    @Test
    void monthlyDatesAndASingleSeriesWithoutIdColumn() {
        RowParser airline = new RowParser(null, "Month", "Passengers", List.of(), "yyyy-MM");
        RowParser.Parsed p = airline.parse(Map.of("Month", "1949-01", "Passengers", "112")::get, "\"1949-01\",112");
        assertEquals("Passengers", p.observation().series(), "one series, named after its target column");
        assertEquals(LocalDate.of(1949, 1, 1).toEpochDay(), p.observation().epochDay());
        assertEquals("date '1949-13' in column 'Month' does not match the pattern 'yyyy-MM'",
                airline.parse(Map.of("Month", "1949-13", "Passengers", "1")::get, "").rejected().reason());
    }

    @Test
    void aBadPatternFailsAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new RowParser(null, "t", "y", List.of(), "yyyy-qq-{"));
    }
}
