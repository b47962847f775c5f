package io.sparkrnn.forecast;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One parsed input row: a value of one series at one time, with its covariates. A missing
 * value is NaN (the configured policy decides what happens to it later); a row that cannot be
 * parsed never becomes an Observation but a {@link RowParser.Rejected} with its reason.
 *
 * @param epochDay the time as days since 1970-01-01 (months and years on their first day)
 * @param source   the file the row came from
 * @param order    the row's position in that file (increasing, not necessarily consecutive), so
 *                 that "first" and "last" of two rows for one time mean what they say in the file
 */
public record Observation(String series, long epochDay, double target, double[] covariates, String source,
                         long order) implements Serializable {

    /** Time, then input order: files by path, rows by position. */
    public static final Comparator<Observation> BY_TIME_THEN_INPUT = Comparator.comparingLong(Observation::epochDay)
            .thenComparing(Observation::source).thenComparingLong(Observation::order);

    /** An observation whose place in the input does not matter. */
    public Observation(String series, long epochDay, double target, double[] covariates) {
        this(series, epochDay, target, covariates, "", 0);
    }

    /** The same observation at a place in the input. */
    public Observation at(String file, long position) {
        return new Observation(series, epochDay, target, covariates, file, position);
    }
}
