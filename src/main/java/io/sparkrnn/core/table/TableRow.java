package io.sparkrnn.core.table;

import java.io.Serializable;

/**
 * One line (CSV) or row (Parquet) of a table input as read, nothing dropped: a data row with the
 * cells of the columns asked for, in the order asked for (null: no value in Parquet); a malformed
 * line with the reason, and the cells it has at those positions (null where it is too short),
 * which are not values but let a job tell which record the line belonged to; or a blank or
 * header line, which a job counts but does not parse.
 *
 * @param position the row's place in the input (increasing within a file)
 * @param raw      the line as it was (CSV), or the cells joined by the delimiter (Parquet)
 */
public record TableRow(Kind kind, String file, long position, String[] cells, String raw, String reason)
        implements Serializable {

    /** What a line of the input is. */
    public enum Kind { ROW, MALFORMED, BLANK, HEADER }

    public static TableRow row(String file, long position, String[] cells, String raw) {
        return new TableRow(Kind.ROW, file, position, cells, raw, null);
    }

    public static TableRow malformed(String file, long position, String raw, String reason) {
        return new TableRow(Kind.MALFORMED, file, position, null, raw, reason);
    }

    /** The cell of column {@code i} of a malformed line as far as it goes, or null. */
    public String cellIfAny(int i) {
        return cells == null || i >= cells.length ? null : cells[i];
    }

    /** The cell of column {@code i} of the columns asked for. */
    public String cell(int i) {
        return cells[i];
    }
}
