package io.sparkrnn.core.table;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How every job reads the text of a table cell: the same markers of a missing value and the
 * same strict notion of a number, so that one file is read the same way by every job.
 */
public final class Cells {
    /** Empty cells and the usual markers of a missing value (case ignored). */
    public static final List<String> MISSING = List.of("", "na", "n/a", "nan", "null", "none");
    /** Plain decimal numbers only: Java would also take "12d", "0x1p3" and "Infinity". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Cells() {
    }

    /** Whether a cell (null: absent) holds no value. */
    public static boolean isMissing(String cell) {
        return cell == null || MISSING.contains(cell.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The number in a cell: NaN when it is missing.
     *
     * @throws NumberFormatException when it holds anything but a plain, finite decimal number
     */
    public static double number(String cell) {
        if (isMissing(cell)) {
            return Double.NaN;
        }
        String s = cell.strip();
        if (!NUMBER.matcher(s).matches()) {
            throw new NumberFormatException(s);
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    /** Whether a cell holds a plain, finite decimal number (not a missing value). */
    public static boolean isNumber(String cell) {
        if (isMissing(cell)) {
            return false;
        }
        try {
            number(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A cell's text without surrounding white space; "" for an absent cell. */
    public static String text(String cell) {
        return cell == null ? "" : cell.strip();
    }
}
