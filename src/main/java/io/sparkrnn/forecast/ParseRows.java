package io.sparkrnn.forecast;

import io.sparkrnn.core.table.TableRow;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the table's data rows on the executors: one {@link RowParser.Parsed} per row (long
 * layout) or per row and series column (wide layout), each with the file it came from and its
 * place there; a malformed line is one rejection; a blank or header line is counted as such and
 * is not a row.
 */
public final class ParseRows implements FlatMapFunction<TableRow, Tuple2<String, RowParser.Parsed>> {
    private static final long serialVersionUID = 1L;

    private final List<String> columns;
    private final List<RowParser> parsers;

    /**
     * @param columns the columns the rows' cells belong to, in order
     * @param parsers one parser per series a row holds (one for the long layout)
     */
    public ParseRows(List<String> columns, List<RowParser> parsers) {
        this.columns = List.copyOf(columns);
        this.parsers = List.copyOf(parsers);
    }

    @Override
    public Iterator<Tuple2<String, RowParser.Parsed>> call(TableRow row) {
        List<Tuple2<String, RowParser.Parsed>> out = new ArrayList<>(parsers.size());
        if (row.kind() == TableRow.Kind.BLANK || row.kind() == TableRow.Kind.HEADER) {
            out.add(new Tuple2<>(row.file(), new RowParser.Parsed(null, null,
                    row.kind().name().toLowerCase(Locale.ROOT) + " line")));
        } else if (row.kind() == TableRow.Kind.MALFORMED) {
            out.add(new Tuple2<>(row.file(), RowParser.malformed(row.raw(), row.reason())));
        } else if (row.kind() == TableRow.Kind.ROW) {
            Map<String, String> byName = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                byName.put(columns.get(i), row.cell(i));
            }
            for (RowParser parser : parsers) {
                RowParser.Parsed p = parser.parse(byName::get, row.raw());
                if (p.observation() != null) {
                    p = new RowParser.Parsed(p.observation().at(row.file(), row.position()), null);
                }
                out.add(new Tuple2<>(row.file(), p));
            }
        }
        return out.iterator();
    }
}
