package io.sparkrnn.core.table;

import io.sparkrnn.core.config.ConfigReader;

/**
 * How the files of a table input are stored: CSV with a header line, Parquet, or JSON lines (one
 * object per line, its keys naming the columns).
 */
public enum TableFormat {
    CSV, PARQUET, JSON;

    /**
     * Reads a CSV delimiter key: one character, or {@code \t} for a tab (as written in a
     * configuration file); a problem is recorded otherwise.
     */
    public static String delimiter(ConfigReader r, String key) {
        String delimiter = r.string(key);
        if (delimiter.length() != 1 && !delimiter.equals("\\t")) {
            r.problem(key, "expected one character (or \\t)");
        }
        return delimiter;
    }

    /** The delimiter character of a configured value ({@code \t} is a tab). */
    public static char delimiterChar(String configured) {
        return configured.equals("\\t") ? '\t' : configured.charAt(0);
    }
}
