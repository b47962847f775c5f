package io.sparkrnn.core.table;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV lines on the executors with Spark's own CSV parser (univocity), one line at a
 * time, so that every line is seen: a line with more or fewer cells than the header is kept as
 * malformed with its text, where Spark's CSV reader would drop surplus cells or fill missing
 * ones with nulls; blank lines and lines equal to the header are marked as such, not parsed.
 * Input rows are {@code (line, file, position)}.
 */
public final class SplitLines implements Function<Row, TableRow> {
    private static final long serialVersionUID = 1L;

    private final List<String> header;
    private final int[] needed;
    private final char delimiter;
    private transient CsvParser splitter;
    private transient String lastFile;

    /**
     * @param header the columns of every file
     * @param needed the indices in {@code header} of the cells wanted, in the order wanted
     */
    public SplitLines(List<String> header, int[] needed, char delimiter) {
        this.header = List.copyOf(header);
        this.needed = needed.clone();
        this.delimiter = delimiter;
    }

    @Override
    public TableRow call(Row row) {
        String line = row.getString(0);
        String file = row.getString(1);
        if (file.equals(lastFile)) {
            file = lastFile; // one String per file, not per row
        }
        lastFile = file;
        long position = row.getLong(2);
        if (line.isBlank()) {
            return new TableRow(TableRow.Kind.BLANK, file, position, null, line, null);
        }
        String[] cells = split(line);
        if (columnNames(cells).equals(header)) {
            return new TableRow(TableRow.Kind.HEADER, file, position, null, line, null);
        }
        String[] wanted = new String[needed.length];
        for (int i = 0; i < needed.length; i++) {
            wanted[i] = needed[i] < cells.length ? cells[needed[i]] : null;
        }
        if (cells.length != header.size()) {
            return new TableRow(TableRow.Kind.MALFORMED, file, position, wanted, line, "the row has " + cells.length
                    + " cells where the header has " + header.size() + "; it cannot be read as the header says");
        }
        return TableRow.row(file, position, wanted, line);
    }

    /** Column names from header cells, an empty one named {@code _c<i>} as Spark names it. */
    public static List<String> columnNames(String[] cells) {
        List<String> names = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip();
            names.add(c.isEmpty() ? "_c" + i : c);
        }
        return names;
    }

    /** The cells of one CSV line (quotes honoured); empty cells as "". */
    String[] split(String line) {
        if (splitter == null) {
            splitter = parser(delimiter, header.size());
        }
        String[] cells = splitter.parseLine(line);
        return cells == null ? new String[0] : cells;
    }

    static CsvParser parser(char delimiter, int columns) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(delimiter);
        settings.getFormat().setLineSeparator("\n");
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(-1);
        settings.setMaxColumns(Math.max(512, columns * 2));
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        return new CsvParser(settings);
    }
}
