package io.sparkrnn.forecast;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

    /**
     * A series ready for windowing: values by time, which of them were filled in, and the
     * covariates ({@code covariates[k][t]}, carried forward where missing; NaN before a
     * covariate's first value).
     */
    public record Assembled(String id, long[] epochDays, double[] values, boolean[] filled, double[][] covariates,
                            int duplicates, int missing, int dropped) implements Serializable {
        public int length() {
            return values.length;
        }

        /** The position of the last time at or before {@code epochDay}, or -1. */
        public int lastAtOrBefore(long epochDay) {
            int i = java.util.Arrays.binarySearch(epochDays, epochDay);
            return i >= 0 ? i : -i - 2;
        }

        /** The position of the first time at or after {@code epochDay} ({@link #length()} if none). */
        public int firstAtOrAfter(long epochDay) {
            int i = java.util.Arrays.binarySearch(epochDays, epochDay);
            return i >= 0 ? i : -i - 1;
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
        sorted.sort(Observation.BY_TIME_THEN_INPUT);
        int k = sorted.isEmpty() ? 0 : sorted.get(0).covariates().length;
        List<Long> days = new ArrayList<>();
        List<double[]> values = new ArrayList<>(); // [target, covariates...]
        int dup = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).epochDay() == sorted.get(i).epochDay()) {
                j++;
            }
            double[] value = row(sorted.get(i));
            if (j - i > 1) {
                dup += j - i - 1;
                value = switch (duplicates) {
                    case FIRST -> row(sorted.get(i));
                    case LAST -> row(sorted.get(j - 1));
                    case MEAN -> mean(sorted.subList(i, j), k);
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
            insertMissingTimes(id, days, values, k);
        }
        return handleMissing(id, days, values, dup, k);
    }

    private static double[] row(Observation o) {
        double[] r = new double[1 + o.covariates().length];
        r[0] = o.target();
        System.arraycopy(o.covariates(), 0, r, 1, o.covariates().length);
        return r;
    }

    /** Column means over the rows, NaN cells left out. */
    private static double[] mean(List<Observation> rows, int k) {
        double[] sum = new double[1 + k];
        int[] n = new int[1 + k];
        for (Observation o : rows) {
            double[] r = row(o);
            for (int c = 0; c < r.length; c++) {
                if (!Double.isNaN(r[c])) {
                    sum[c] += r[c];
                    n[c]++;
                }
            }
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] = n[c] == 0 ? Double.NaN : sum[c] / n[c];
        }
        return sum;
    }

    private void insertMissingTimes(String id, List<Long> days, List<double[]> values, int k) {
        for (int p = 1; p < days.size(); p++) {
            LocalDate previous = LocalDate.ofEpochDay(days.get(p - 1));
            LocalDate expected = next(previous);
            LocalDate actual = LocalDate.ofEpochDay(days.get(p));
            if (actual.isBefore(expected)) {
                throw new Refused("series '" + id + "' has " + previous + " and " + actual + ", closer than one "
                        + frequency.name().toLowerCase(Locale.ROOT) + " (data.frequency)");
            }
            if (actual.isAfter(expected)) {
                double[] gap = new double[1 + k];
                java.util.Arrays.fill(gap, Double.NaN);
                days.add(p, expected.toEpochDay());
                values.add(p, gap);
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

    private Assembled handleMissing(String id, List<Long> days, List<double[]> values, int dup, int k) {
        List<Long> outDays = new ArrayList<>();
        List<double[]> outValues = new ArrayList<>();
        List<Boolean> filled = new ArrayList<>();
        int missingCount = 0;
        int dropped = 0;
        double[] last = null;
        for (int p = 0; p < days.size(); p++) {
            double[] v = values.get(p).clone();
            if (last != null) {
                for (int c = 1; c <= k; c++) {
                    if (Double.isNaN(v[c])) {
                        v[c] = last[c];
                    }
                }
            }
            if (!Double.isNaN(v[0])) {
                outDays.add(days.get(p));
                outValues.add(v);
                filled.add(false);
                last = v;
                continue;
            }
            missingCount++;
            switch (missing) {
                case FAIL -> throw new Refused("series '" + id + "' has no value for "
                        + LocalDate.ofEpochDay(days.get(p)) + " (data.missing = fail; choose fill or drop)");
                case DROP -> dropped++;
                case FILL -> {
                    if (last == null) {
                        dropped++; // nothing before it to carry forward: the series starts later
                    } else {
                        v[0] = last[0];
                        outDays.add(days.get(p));
                        outValues.add(v);
                        filled.add(true);
                        last = v;
                    }
                }
                default -> throw new IllegalStateException(missing.name());
            }
        }
        int n = outValues.size();
        boolean[] f = new boolean[n];
        double[] target = new double[n];
        double[][] covariates = new double[k][n];
        for (int p = 0; p < n; p++) {
            f[p] = filled.get(p);
            target[p] = outValues.get(p)[0];
            for (int c = 0; c < k; c++) {
                covariates[c][p] = outValues.get(p)[c + 1];
            }
        }
        return new Assembled(id, outDays.stream().mapToLong(Long::longValue).toArray(), target, f, covariates,
                dup, missingCount, dropped);
    }
}
