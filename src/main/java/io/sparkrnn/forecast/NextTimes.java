package io.sparkrnn.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The times of the H steps after a series' last value, for labelling forecasts. With a
 * declared frequency they are exact; with {@code observed} spacing they are a guess a user can
 * check: trading-day series (no weekend values) continue on weekdays, others by their most
 * common gap. Holidays are not known, so a forecast for "the next step" may carry a date the
 * market is closed; the horizon column is what counts.
 */
public final class NextTimes {
    private NextTimes() {
    }

    public static long[] after(long[] days, SeriesAssembler.Frequency frequency, int horizon) {
        long[] out = new long[horizon];
        LocalDate d = LocalDate.ofEpochDay(days[days.length - 1]);
        boolean weekdays = frequency == SeriesAssembler.Frequency.OBSERVED && Arrays.stream(days)
                .mapToObj(LocalDate::ofEpochDay).noneMatch(NextTimes::weekend) && commonGap(days) <= 3;
        long gap = commonGap(days);
        for (int h = 0; h < horizon; h++) {
            d = switch (frequency) {
                case DAY -> d.plusDays(1);
                case MONTH -> d.plusMonths(1);
                case YEAR -> d.plusYears(1);
                case OBSERVED -> {
                    if (!weekdays) {
                        yield d.plusDays(gap);
                    }
                    LocalDate n = d.plusDays(1);
                    while (weekend(n)) {
                        n = n.plusDays(1);
                    }
                    yield n;
                }
            };
            out[h] = d.toEpochDay();
        }
        return out;
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The most frequent gap in days between consecutive values (1 for a single value). */
    public static long commonGap(long[] days) {
        if (days.length < 2) {
            return 1;
        }
        long[] gaps = new long[days.length - 1];
        for (int i = 1; i < days.length; i++) {
            gaps[i - 1] = days[i] - days[i - 1];
        }
        Arrays.sort(gaps);
        long best = gaps[0];
        int bestRun = 0;
        int run = 0;
        for (int i = 0; i < gaps.length; i++) {
            run = i > 0 && gaps[i] == gaps[i - 1] ? run + 1 : 1;
            if (run > bestRun) {
                bestRun = run;
                best = gaps[i];
            }
        }
        return Math.max(1, best);
    }
}
