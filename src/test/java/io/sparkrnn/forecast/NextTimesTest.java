package io.sparkrnn.forecast;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The dates forecasts are labelled with. */
class NextTimesTest {
    private static long d(String s) {
        return LocalDate.parse(s).toEpochDay();
    }

    @Test
    void tradingDaysSkipWeekendsAndMonthsAddMonths() {
        long[] tradingDays = {d("2017-12-26"), d("2017-12-27"), d("2017-12-28"), d("2017-12-29")}; // Tue..Fri
        assertArrayEquals(new long[]{d("2018-01-01"), d("2018-01-02")},
                NextTimes.after(tradingDays, SeriesAssembler.Frequency.OBSERVED, 2), "Friday -> Monday, Tuesday");
        long[] months = {d("1960-11-01"), d("1960-12-01")};
        assertArrayEquals(new long[]{d("1961-01-01"), d("1961-02-01"), d("1961-03-01")},
                NextTimes.after(months, SeriesAssembler.Frequency.MONTH, 3));
        long[] weekly = {d("2020-01-04"), d("2020-01-11"), d("2020-01-18")}; // Saturdays
        assertArrayEquals(new long[]{d("2020-01-25")}, NextTimes.after(weekly, SeriesAssembler.Frequency.OBSERVED, 1),
                "observed spacing continues by the common gap");
    }
}
