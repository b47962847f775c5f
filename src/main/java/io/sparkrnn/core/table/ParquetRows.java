package io.sparkrnn.core.table;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

/**
 * A Parquet row (the needed columns as text, then the file and the position) as a
 * {@link TableRow}, its text the cells joined by the delimiter, so a rejected Parquet row reads
 * like a CSV line.
 */
record ParquetRows(int columns, char delimiter) implements Function<Row, TableRow> {
    @Override
    public TableRow call(Row row) {
        String[] cells = new String[columns];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            cells[i] = row.isNullAt(i) ? null : row.getString(i);
            text.append(i > 0 ? String.valueOf(delimiter) : "").append(cells[i] == null ? "" : cells[i]);
        }
        return TableRow.row(row.getString(columns), row.getLong(columns + 1), cells, text.toString());
    }
}
