package io.sparkrnn.forecast;

import io.sparkrnn.core.table.Cells;
import io.sparkrnn.core.table.Rejection;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * Turns the text cells of one input row into an {@link Observation}, or into a
 * {@link Rejected} that says which cell was wrong and why, so that no row is ever lost without
 * a count and a reason. Empty cells (and NA, NaN, null) are missing values, not errors.
 */
public final class RowParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String idColumn;
    private final String timeColumn;
    private final String targetColumn;
    private final List<String> covariateColumns;
    private final String datePattern;
    private transient DateTimeFormatter formatter;

    /**
     * @param idColumn    the series id column, or null when the input holds one series (named
     *                    after the target column)
     * @param datePattern a {@link DateTimeFormatter} pattern; "yyyy-MM" and "yyyy" forms map to
     *                    the first day of the month or year
     */
    public RowParser(String idColumn, String timeColumn, String targetColumn, List<String> covariateColumns,
                     String datePattern) {
        this.idColumn = idColumn;
        this.timeColumn = timeColumn;
        this.targetColumn = targetColumn;
        this.covariateColumns = List.copyOf(covariateColumns);
        this.datePattern = datePattern;
        formatter(); // fails here, on the driver, for a bad pattern
    }

    /**
     * A row that could not be used: the row, the kind of problem (one of {@link #KINDS}, for
     * counting) and the reason a user can act on.
     */
    public record Rejected(String row, String kind, String reason) implements Serializable {
    }

    public static final String NO_ID = "no series id";
    public static final String NO_DATE = "no date";
    public static final String BAD_DATE = "unparseable date";
    public static final String BAD_NUMBER = Rejection.BAD_NUMBER;
    public static final String MALFORMED = Rejection.MALFORMED;
    /** Every kind of rejection, in the order the report lists them. */
    public static final List<String> KINDS = List.of(MALFORMED, NO_ID, NO_DATE, BAD_DATE, BAD_NUMBER);

    /**
     * The outcome for one line: an observation, a rejection, or neither for a line that is not a
     * row ({@code skipped} names which: "blank line", "header line").
     */
    public record Parsed(Observation observation, Rejected rejected, String skipped) implements Serializable {
        public Parsed(Observation observation, Rejected rejected) {
            this(observation, rejected, null);
        }

        /** The kind for counting: "" for an observation, the rejection's kind, or the skipped line's. */
        public String kind() {
            return observation != null ? "" : rejected != null ? rejected.kind() : skipped;
        }
    }

    /**
     * @param cell  the row's value of a column by name (null when the column is absent)
     * @param raw   the row as text, kept with a rejection
     */
    public Parsed parse(java.util.function.Function<String, String> cell, String raw) {
        String series = idColumn == null ? targetColumn : trim(cell.apply(idColumn));
        if (series == null || series.isEmpty()) {
            return reject(raw, NO_ID, "no series id in column '" + idColumn + "'");
        }
        String time = trim(cell.apply(timeColumn));
        if (time == null || Cells.isMissing(time)) {
            return reject(raw, NO_DATE, "no date in column '" + timeColumn + "'");
        }
        long day;
        try {
            day = epochDay(time);
        } catch (java.time.DateTimeException e) {
            return reject(raw, BAD_DATE, "date '" + time + "' in column '" + timeColumn + "' does not match the pattern '"
                    + datePattern + "'");
        }
        double target;
        try {
            target = Cells.number(cell.apply(targetColumn));
        } catch (NumberFormatException e) {
            return reject(raw, BAD_NUMBER, "'" + trim(cell.apply(targetColumn)) + "' in column '" + targetColumn
                    + "' is not a number");
        }
        double[] covariates = new double[covariateColumns.size()];
        for (int i = 0; i < covariates.length; i++) {
            String column = covariateColumns.get(i);
            try {
                covariates[i] = Cells.number(cell.apply(column));
            } catch (NumberFormatException e) {
                return reject(raw, BAD_NUMBER, "'" + trim(cell.apply(column)) + "' in column '" + column + "' is not a number");
            }
        }
        return new Parsed(new Observation(series, day, target, covariates), null);
    }

    /** Days since the epoch of a date in this parser's pattern. */
    public long epochDay(String text) {
        TemporalAccessor t = formatter().parse(text);
        if (t.isSupported(ChronoField.DAY_OF_MONTH)) {
            return LocalDate.from(t).toEpochDay();
        }
        if (t.isSupported(ChronoField.MONTH_OF_YEAR)) {
            return YearMonth.from(t).atDay(1).toEpochDay();
        }
        return LocalDate.of(t.get(ChronoField.YEAR), 1, 1).toEpochDay();
    }

    private DateTimeFormatter formatter() {
        if (formatter == null) {
            formatter = dates(datePattern);
            if (formatter == null) {
                throw new IllegalArgumentException("not a date pattern: '" + datePattern + "'");
            }
        }
        return formatter;
    }

    /** The strict formatter of a {@link DateTimeFormatter} pattern, or null when it is not one. */
    static DateTimeFormatter dates(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ROOT)
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Days since the epoch of a date in a pattern. */
    static long epochDay(String pattern, String text) {
        return new RowParser(null, "t", "y", List.of(), pattern).epochDay(text);
    }

    /** A rejection for a row whose cells could not even be split as the header says. */
    public static Parsed malformed(String raw, String reason) {
        return reject(raw, MALFORMED, reason);
    }

    private static Parsed reject(String raw, String kind, String reason) {
        return new Parsed(null, new Rejected(raw, kind, reason));
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
