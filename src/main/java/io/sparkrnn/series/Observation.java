package io.sparkrnn.series;

import java.io.Serializable;

/**
 * One parsed input row: a value of one series at one time, with its covariates. A missing
 * value is NaN (the configured policy decides what happens to it later); a row that cannot be
 * parsed never becomes an Observation but a {@link RowParser.Rejected} with its reason.
 *
 * @param epochDay the time as days since 1970-01-01 (months and years on their first day)
 */
public record Observation(String series, long epochDay, double target, double[] covariates)
        implements Serializable {
}
