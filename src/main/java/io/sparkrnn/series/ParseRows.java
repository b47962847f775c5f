package io.sparkrnn.series;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses the text cells of input rows on the executors: one {@link RowParser.Parsed} per row
 * (long layout) or per row and series column (wide layout), each with the file it came from.
 * A row the CSV reader could not split as the header says becomes a "malformed row" rejection.
 *
 * <p>The rows hold {@code columns} in order, then the file name, the row's position, and (CSV)
 * the corrupt-record text that Spark sets for a malformed line.
 */
public final class ParseRows implements FlatMapFunction<Row, Tuple2<String, RowParser.Parsed>> {
    private static final long serialVersionUID = 1L;

    private final List<String> columns;
    private final List<RowParser> parsers;
    private final boolean hasCorruptColumn;
    private final String delimiter;
    private transient String lastFile;

    /**
     * @param columns the cells of each row, in order
     * @param parsers one parser per series a row holds (one for the long layout)
     */
    public ParseRows(List<String> columns, List<RowParser> parsers, boolean hasCorruptColumn, String delimiter) {
        this.columns = List.copyOf(columns);
        this.parsers = List.copyOf(parsers);
        this.hasCorruptColumn = hasCorruptColumn;
        this.delimiter = delimiter;
    }

    @Override
    public Iterator<Tuple2<String, RowParser.Parsed>> call(Row row) {
        String file = row.getString(columns.size());
        if (file.equals(lastFile)) {
            file = lastFile; // one String per file, not per row
        }
        lastFile = file;
        long position = row.getLong(columns.size() + 1);
        List<Tuple2<String, RowParser.Parsed>> out = new ArrayList<>(parsers.size());
        if (hasCorruptColumn && !row.isNullAt(columns.size() + 2)) {
            String raw = row.getString(columns.size() + 2);
            int cells = raw.split(java.util.regex.Pattern.quote(delimiter), -1).length;
            out.add(new Tuple2<>(file, RowParser.malformed(raw, "the row has " + cells + " cells where the header has "
                    + "a different number; it cannot be read as the header says")));
            return out.iterator();
        }
        Map<String, String> cells = new HashMap<>();
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String v = row.isNullAt(i) ? null : row.getString(i);
            cells.put(columns.get(i), v);
            if (i > 0) {
                raw.append(delimiter);
            }
            raw.append(v == null ? "" : v);
        }
        for (RowParser parser : parsers) {
            RowParser.Parsed p = parser.parse(cells::get, raw.toString());
            if (p.observation() != null) {
                p = new RowParser.Parsed(p.observation().at(file, position), null);
            }
            out.add(new Tuple2<>(file, p));
        }
        return out.iterator();
    }
}
