package io.sparkrnn.core.table;

import java.io.Serializable;
import java.util.List;

/**
 * A table input as a job's configuration names it: the key that names it (for messages), its
 * paths (files, folders, globs on any Hadoop file system), its format and, for CSV, the cell
 * delimiter as configured ({@code \t} for a tab).
 */
public record TableInput(String key, List<String> paths, TableFormat format, String delimiter)
        implements Serializable {
    public TableInput {
        paths = List.copyOf(paths);
    }

    /** The delimiter character. */
    public char delimiterChar() {
        return TableFormat.delimiterChar(delimiter);
    }
}
