package io.sparkrnn.forecast;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order, duplicates, gaps and missing values of one series, each policy. */
class SeriesAssemblerTest {
    private static Observation row(String date, double v) {
        return new Observation("s", LocalDate.parse(date).toEpochDay(), v, new double[0]);
    }

    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    // Newest first (as the stock file is), a duplicate of 01-03, a missing value on 01-05.
    private static final List<Observation> ROWS = List.of(row("2020-01-06", 6), row("2020-01-05", Double.NaN),
            row("2020-01-03", 3), row("2020-01-03", 5), row("2020-01-02", 2), row("2020-01-01", 1));

    @Test
    void sortedAndDuplicatesResolvedByPolicy() {
        var observed = SeriesAssembler.Frequency.OBSERVED;
        var last = new SeriesAssembler(observed, SeriesAssembler.Duplicates.LAST, SeriesAssembler.Missing.DROP)
                .assemble("s", ROWS);
        assertArrayEquals(new long[]{day("2020-01-01"), day("2020-01-02"), day("2020-01-03"), day("2020-01-06")},
                last.epochDays());
        assertArrayEquals(new double[]{1, 2, 5, 6}, last.values(), 0, "last of the two 01-03 rows in input order");
        assertEquals(1, last.duplicates());
        assertEquals(1, last.missing());
        assertEquals(1, last.dropped());

        assertArrayEquals(new double[]{1, 2, 3, 6}, new SeriesAssembler(observed, SeriesAssembler.Duplicates.FIRST,
                SeriesAssembler.Missing.DROP).assemble("s", ROWS).values(), 0);
        assertArrayEquals(new double[]{1, 2, 4, 6}, new SeriesAssembler(observed, SeriesAssembler.Duplicates.MEAN,
                SeriesAssembler.Missing.DROP).assemble("s", ROWS).values(), 0);
        // Spark hands a series' rows over in no particular order: first and last follow the rows'
        // place in the input (file, then position), not the order they arrive in.
        var inFile = List.of(row("2020-01-03", 5).at("b.csv", 1), row("2020-01-03", 3).at("a.csv", 9),
                row("2020-01-03", 4).at("a.csv", 10));
        assertEquals(5, new SeriesAssembler(observed, SeriesAssembler.Duplicates.LAST, SeriesAssembler.Missing.DROP)
                .assemble("s", inFile).values()[0], 0, "last: b.csv's row, b.csv coming after a.csv");
        assertEquals(3, new SeriesAssembler(observed, SeriesAssembler.Duplicates.FIRST, SeriesAssembler.Missing.DROP)
                .assemble("s", inFile).values()[0], 0, "first: a.csv's row at position 9");
        var fail = new SeriesAssembler(observed, SeriesAssembler.Duplicates.FAIL, SeriesAssembler.Missing.DROP);
        var e = assertThrows(SeriesAssembler.Refused.class, () -> fail.assemble("s", ROWS));
        assertTrue(e.getMessage().contains("series 's' has 2 rows for 2020-01-03"), e.getMessage());
    }

    @Test
    void gapsOfADeclaredFrequencyAreFilledAndMarkedOrRefused() {
        var fill = new SeriesAssembler(SeriesAssembler.Frequency.DAY, SeriesAssembler.Duplicates.LAST,
                SeriesAssembler.Missing.FILL).assemble("s", ROWS);
        // 01-04 absent and 01-05 empty: both carry 01-03's value forward, marked as filled.
        assertArrayEquals(new double[]{1, 2, 5, 5, 5, 6}, fill.values(), 0);
        assertArrayEquals(new boolean[]{false, false, false, true, true, false}, fill.filled());
        assertEquals(2, fill.missing());
        assertEquals(0, fill.dropped());

        var refuse = new SeriesAssembler(SeriesAssembler.Frequency.DAY, SeriesAssembler.Duplicates.LAST,
                SeriesAssembler.Missing.FAIL);
        var e = assertThrows(SeriesAssembler.Refused.class, () -> refuse.assemble("s", ROWS));
        assertTrue(e.getMessage().contains("series 's' has no value for 2020-01-04"), e.getMessage());
    }

    @Test
    void monthlySeriesAndRowsCloserThanTheFrequency() {
        var monthly = new SeriesAssembler(SeriesAssembler.Frequency.MONTH, SeriesAssembler.Duplicates.LAST,
                SeriesAssembler.Missing.FILL);
        var a = monthly.assemble("air", List.of(row("1949-01-01", 112), row("1949-03-01", 132)));
        assertArrayEquals(new double[]{112, 112, 132}, a.values(), 0);
        assertEquals(day("1949-02-01"), a.epochDays()[1]);
        var e = assertThrows(SeriesAssembler.Refused.class,
                () -> monthly.assemble("air", List.of(row("1949-01-01", 1), row("1949-01-15", 2))));
        assertTrue(e.getMessage().contains("closer than one month"), e.getMessage());
    }

    @Test
    void aLeadingMissingValueCannotBeFilledAndIsDroppedCounted() {
        var fill = new SeriesAssembler(SeriesAssembler.Frequency.OBSERVED, SeriesAssembler.Duplicates.LAST,
                SeriesAssembler.Missing.FILL).assemble("s", List.of(row("2020-01-01", Double.NaN), row("2020-01-02", 2)));
        assertArrayEquals(new double[]{2}, fill.values(), 0);
        assertEquals(1, fill.dropped());
    }
}
