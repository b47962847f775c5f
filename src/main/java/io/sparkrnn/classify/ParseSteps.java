package io.sparkrnn.classify;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a row of the input table (every column read as text, plus the file name, the row's
 * position and Spark's malformed-line column) into a {@link StepRow}. Nothing is dropped: a
 * row with a missing or non-numeric feature, no id or no label comes back with the reason.
 */
public final class ParseSteps implements Function<Row, StepRow> {
    private static final long serialVersionUID = 1L;
    private final List<String> columns;
    private final String idColumn;
    private final String labelColumn;
    private final String orderColumn;
    private final List<String> featureColumns;
    private final int[] featureIndex;
    private final int idIndex;
    private final int labelIndex;
    private final int orderIndex;

    /**
     * @param columns the table's columns in order; after them come the file name, the position
     *                and the malformed-line text
     */
    public ParseSteps(List<String> columns, String idColumn, String labelColumn, String orderColumn,
                      List<String> featureColumns) {
        this.columns = List.copyOf(columns);
        this.idColumn = idColumn;
        this.labelColumn = labelColumn;
        this.orderColumn = orderColumn;
        this.featureColumns = List.copyOf(featureColumns);
        this.featureIndex = featureColumns.stream().mapToInt(columns::indexOf).toArray();
        this.idIndex = columns.indexOf(idColumn);
        this.labelIndex = columns.indexOf(labelColumn);
        this.orderIndex = orderColumn.isEmpty() ? -1 : columns.indexOf(orderColumn);
    }

    @Override
    public StepRow call(Row row) {
        int n = columns.size();
        String file = row.getString(n);
        long position = row.getLong(n + 1);
        String malformed = row.isNullAt(n + 2) ? null : row.getString(n + 2);
        String raw = malformed != null ? malformed : raw(row, n);
        String id = text(row, idIndex);
        String label = text(row, labelIndex);
        if (malformed != null) {
            return rejected(file, position, id, label, "malformed line: expected " + n + " cells " + columns, raw);
        }
        if (id.isEmpty()) {
            return rejected(file, position, id, label, "no sequence id in column '" + idColumn + "'", raw);
        }
        if (label.isEmpty()) {
            return rejected(file, position, id, label, "no label in column '" + labelColumn + "'", raw);
        }
        double order = position;
        if (!orderColumn.isEmpty()) {
            String o = text(row, orderIndex);
            Double v = number(o);
            if (v == null) {
                return rejected(file, position, id, label, "column '" + orderColumn + "': "
                        + (o.isEmpty() ? "missing value" : "'" + o + "' is not a number"), raw);
            }
            order = v;
        }
        float[] features = new float[featureColumns.size()];
        for (int i = 0; i < features.length; i++) {
            String c = featureColumns.get(i);
            String v = text(row, featureIndex[i]);
            Double x = number(v);
            if (x == null) {
                return rejected(file, position, id, label, "column '" + c + "': " + (missing(v)
                        ? "missing value" + (v.isEmpty() ? "" : " ('" + v + "')") : "'" + v + "' is not a finite number"),
                        raw);
            }
            features[i] = x.floatValue();
        }
        return new StepRow(file, position, id, label, order, features, null, null);
    }

    private static StepRow rejected(String file, long position, String id, String label, String why, String raw) {
        return new StepRow(file, position, id, label, position, null, why, raw);
    }

    private static String text(Row row, int i) {
        return row.isNullAt(i) ? "" : row.getString(i).trim();
    }

    /** Empty cells and the usual markers of a missing value. */
    static boolean missing(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.isEmpty() || l.equals("na") || l.equals("nan") || l.equals("null");
    }

    /** A finite number, or null for missing values and text. */
    static Double number(String s) {
        if (missing(s)) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String raw(Row row, int n) {
        List<String> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cells.add(row.isNullAt(i) ? "" : row.getString(i));
        }
        return String.join(",", cells);
    }
}
