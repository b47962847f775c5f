package io.sparkrnn.classify;

import io.sparkrnn.core.table.Cells;
import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.TableRow;
import org.apache.spark.api.java.function.Function;

import java.util.List;
import java.util.Locale;

/**
 * Turns a line of the input table (the id, label, order and feature cells in that order, as
 * the shared table reader gives them) into a {@link StepRow}. Nothing is dropped: a row with a
 * missing or non-numeric feature, no id or no label comes back with the kind and the reason.
 */
public final class ParseSteps implements Function<TableRow, StepRow> {
    private static final long serialVersionUID = 1L;
    static final String NO_ID = "no sequence id";
    static final String NO_LABEL = "no label";
    static final String MISSING_VALUE = "missing value";
    /** Every kind of rejection, in the order the report lists them. */
    static final List<String> KINDS = List.of(Rejection.MALFORMED, NO_ID, NO_LABEL, MISSING_VALUE,
            Rejection.BAD_NUMBER);

    private final String idColumn;
    private final String labelColumn;
    private final String orderColumn;
    private final List<String> featureColumns;

    public ParseSteps(String idColumn, String labelColumn, String orderColumn, List<String> featureColumns) {
        this.idColumn = idColumn;
        this.labelColumn = labelColumn;
        this.orderColumn = orderColumn;
        this.featureColumns = List.copyOf(featureColumns);
    }

    @Override
    public StepRow call(TableRow row) {
        if (row.kind() == TableRow.Kind.BLANK || row.kind() == TableRow.Kind.HEADER) {
            return new StepRow(row.file(), row.position(), "", "", row.position(), null,
                    row.kind().name().toLowerCase(Locale.ROOT) + " line", null, row.raw());
        }
        if (row.kind() == TableRow.Kind.MALFORMED) {
            // Its id, when the line has one, refuses the sequence it belongs to: a step is missing.
            return rejected(row, Cells.text(row.cellIfAny(0)), Cells.text(row.cellIfAny(1)), Rejection.MALFORMED,
                    row.reason());
        }
        String id = Cells.text(row.cell(0));
        String label = Cells.text(row.cell(1));
        if (id.isEmpty()) {
            return rejected(row, id, label, NO_ID, "no sequence id in column '" + idColumn + "'");
        }
        if (label.isEmpty()) {
            return rejected(row, id, label, NO_LABEL, "no label in column '" + labelColumn + "'");
        }
        int first = orderColumn.isEmpty() ? 2 : 3;
        double order = row.position();
        if (!orderColumn.isEmpty()) {
            String o = Cells.text(row.cell(2));
            if (!Cells.isNumber(o)) {
                return rejected(row, id, label, kind(o), "column '" + orderColumn + "': "
                        + (o.isEmpty() ? "missing value" : "'" + o + "' is not a number"));
            }
            order = Cells.number(o);
        }
        float[] features = new float[featureColumns.size()];
        for (int i = 0; i < features.length; i++) {
            String cell = row.cell(first + i);
            String why = problem(cell, featureColumns.get(i));
            if (why != null) {
                return rejected(row, id, label, kind(cell), why);
            }
            features[i] = (float) Cells.number(cell);
        }
        return new StepRow(row.file(), row.position(), id, label, order, features, null, null, null);
    }

    /** Why a cell that must hold a number does not, or null when it does. */
    private static String problem(String cell, String column) {
        if (Cells.isMissing(cell)) {
            String text = Cells.text(cell);
            return "column '" + column + "': missing value" + (text.isEmpty() ? "" : " ('" + text + "')");
        }
        try {
            Cells.number(cell);
            return null;
        } catch (NumberFormatException e) {
            return "column '" + column + "': '" + Cells.text(cell) + "' is not a finite number";
        }
    }

    private static String kind(String cell) {
        return Cells.isMissing(cell) ? MISSING_VALUE : Rejection.BAD_NUMBER;
    }

    private static StepRow rejected(TableRow row, String id, String label, String kind, String why) {
        return new StepRow(row.file(), row.position(), id, label, row.position(), null, kind, why, row.raw());
    }
}
