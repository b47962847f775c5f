package io.sparkrnn.series;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Builds one series from its parsed rows, in any order: sorted by time, duplicate times
 * resolved, missing times (for a declared frequency) and missing values handled by the
 * configured policy. Everything it changes is counted, so the report can say what was done to
 * the input; a policy of {@code FAIL} stops with the series and the dates instead.
 */
public final class SeriesAssembler implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The spacing the series should have; OBSERVED takes the rows as the steps. */
    public enum Frequency { OBSERVED, DAY, MONTH, YEAR }

    /** What to do with two rows of the same series and time. */
    public enum Duplicates { LAST, FIRST, MEAN, FAIL }

    /** What to do with a missing value (an empty cell, or a time the frequency says is absent). */
    public enum Missing { FILL, DROP, FAIL }

    /** A series ready for windowing: values by time, and which of them were filled in. */
    public record Assembled(String id, long[] epochDays, double[] values, boolean[] filled, int duplicates,
                            int missing, int dropped) implements Serializable {
        public int length() {
            return values.length;
        }
    }

    /** Thrown for a FAIL policy: names the series and the dates. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Frequency frequency;
    private final Duplicates duplicates;
    private final Missing missing;

    public SeriesAssembler(Frequency frequency, Duplicates duplicates, Missing missing) {
        this.frequency = frequency;
        this.duplicates = duplicates;
        this.missing = missing;
    }

    public Assembled assemble(String id, List<Observation> rows) {
        List<Observation> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Observation::epochDay));
        List<Long> days = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int dup = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            double sum = 0;
            int finite = 0;
            while (j < sorted.size() && sorted.get(j).epochDay() == sorted.get(i).epochDay()) {
                double v = sorted.get(j).target();
                if (!Double.isNaN(v)) {
                    sum += v;
                    finite++;
                }
                j++;
            }
            double value = sorted.get(i).target();
            if (j - i > 1) {
                dup += j - i - 1;
                value = switch (duplicates) {
                    case FIRST -> sorted.get(i).target();
                    case LAST -> sorted.get(j - 1).target();
                    case MEAN -> finite == 0 ? Double.NaN : sum / finite;
                    case FAIL -> throw new Refused("series '" + id + "' has " + (j - i) + " rows for "
                            + LocalDate.ofEpochDay(sorted.get(i).epochDay())
                            + " (data.duplicates = fail; choose first, last or mean to resolve them)");
                };
            }
            days.add(sorted.get(i).epochDay());
            values.add(value);
            i = j;
        }
        if (frequency != Frequency.OBSERVED) {
            insertMissingTimes(id, days, values);
        }
        return handleMissing(id, days, values, dup);
    }

    private void insertMissingTimes(String id, List<Long> days, List<Double> values) {
        for (int k = 1; k < days.size(); k++) {
            LocalDate previous = LocalDate.ofEpochDay(days.get(k - 1));
            LocalDate expected = next(previous);
            LocalDate actual = LocalDate.ofEpochDay(days.get(k));
            if (actual.isBefore(expected)) {
                throw new Refused("series '" + id + "' has " + previous + " and " + actual + ", closer than one "
                        + frequency.name().toLowerCase(Locale.ROOT) + " (data.frequency)");
            }
            if (actual.isAfter(expected)) {
                days.add(k, expected.toEpochDay());
                values.add(k, Double.NaN);
            }
        }
    }

    private LocalDate next(LocalDate d) {
        return switch (frequency) {
            case DAY -> d.plus(1, ChronoUnit.DAYS);
            case MONTH -> d.plusMonths(1);
            case YEAR -> d.plusYears(1);
            case OBSERVED -> throw new IllegalStateException();
        };
    }

    private Assembled handleMissing(String id, List<Long> days, List<Double> values, int dup) {
        List<Long> outDays = new ArrayList<>();
        List<Double> outValues = new ArrayList<>();
        List<Boolean> filled = new ArrayList<>();
        int missingCount = 0;
        int dropped = 0;
        double last = Double.NaN;
        for (int k = 0; k < days.size(); k++) {
            double v = values.get(k);
            if (!Double.isNaN(v)) {
                outDays.add(days.get(k));
                outValues.add(v);
                filled.add(false);
                last = v;
                continue;
            }
            missingCount++;
            switch (missing) {
                case FAIL -> throw new Refused("series '" + id + "' has no value for "
                        + LocalDate.ofEpochDay(days.get(k)) + " (data.missing = fail; choose fill or drop)");
                case DROP -> dropped++;
                case FILL -> {
                    if (Double.isNaN(last)) {
                        dropped++; // nothing before it to carry forward: the series starts later
                    } else {
                        outDays.add(days.get(k));
                        outValues.add(last);
                        filled.add(true);
                    }
                }
                default -> throw new IllegalStateException(missing.name());
            }
        }
        boolean[] f = new boolean[filled.size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = filled.get(k);
        }
        return new Assembled(id, outDays.stream().mapToLong(Long::longValue).toArray(),
                outValues.stream().mapToDouble(Double::doubleValue).toArray(), f, dup, missingCount, dropped);
    }
}
