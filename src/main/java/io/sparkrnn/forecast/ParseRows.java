package io.sparkrnn.forecast;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses input rows on the executors: one {@link RowParser.Parsed} per row (long layout) or per
 * row and series column (wide layout), each with the file it came from and its place there.
 *
 * <p>CSV arrives as raw lines ({@code line, file, position}), split here with Spark's own CSV
 * parser (univocity), so that a line with more or fewer cells than the header is rejected as
 * malformed with its text, where Spark's CSV reader would silently drop surplus cells or fill
 * missing ones with nulls; blank lines and repeated header lines are not rows. Parquet arrives
 * as the needed columns cast to text, then file and position.
 */
public final class ParseRows implements FlatMapFunction<Row, Tuple2<String, RowParser.Parsed>> {
    private static final long serialVersionUID = 1L;

    private final List<String> columns;
    private final List<RowParser> parsers;
    private final boolean csv;
    private final char delimiter;
    private transient String lastFile;
    private transient CsvParser splitter;

    /**
     * @param columns the header (CSV) or the selected columns in order (Parquet)
     * @param parsers one parser per series a row holds (one for the long layout)
     * @param csv     whether rows are raw CSV lines
     */
    public ParseRows(List<String> columns, List<RowParser> parsers, boolean csv, char delimiter) {
        this.columns = List.copyOf(columns);
        this.parsers = List.copyOf(parsers);
        this.csv = csv;
        this.delimiter = delimiter;
    }

    @Override
    public Iterator<Tuple2<String, RowParser.Parsed>> call(Row row) {
        int fileAt = csv ? 1 : columns.size();
        String file = row.getString(fileAt);
        if (file.equals(lastFile)) {
            file = lastFile; // one String per file, not per row
        }
        lastFile = file;
        long position = row.getLong(fileAt + 1);
        List<Tuple2<String, RowParser.Parsed>> out = new ArrayList<>(parsers.size());
        String[] cells;
        String raw;
        if (csv) {
            raw = row.getString(0);
            if (raw.isBlank()) {
                return out.iterator();
            }
            cells = split(raw);
            if (columnNames(cells).equals(columns)) {
                return out.iterator(); // a header line
            }
            if (cells.length != columns.size()) {
                out.add(new Tuple2<>(file, RowParser.malformed(raw, "the row has " + cells.length + " cells where the "
                        + "header has " + columns.size() + "; it cannot be read as the header says")));
                return out.iterator();
            }
        } else {
            cells = new String[columns.size()];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                cells[i] = row.isNullAt(i) ? null : row.getString(i);
                text.append(i > 0 ? String.valueOf(delimiter) : "").append(cells[i] == null ? "" : cells[i]);
            }
            raw = text.toString();
        }
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            byName.put(columns.get(i), cells[i]);
        }
        for (RowParser parser : parsers) {
            RowParser.Parsed p = parser.parse(byName::get, raw);
            if (p.observation() != null) {
                p = new RowParser.Parsed(p.observation().at(file, position), null);
            }
            out.add(new Tuple2<>(file, p));
        }
        return out.iterator();
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
            CsvParserSettings settings = new CsvParserSettings();
            settings.getFormat().setDelimiter(delimiter);
            settings.getFormat().setLineSeparator("\n");
            settings.setNullValue("");
            settings.setEmptyValue("");
            settings.setMaxCharsPerColumn(-1);
            settings.setMaxColumns(Math.max(512, columns.size() * 2));
            settings.setIgnoreLeadingWhitespaces(false);
            settings.setIgnoreTrailingWhitespaces(false);
            splitter = new CsvParser(settings);
        }
        String[] cells = splitter.parseLine(line);
        return cells == null ? new String[0] : cells;
    }
}
