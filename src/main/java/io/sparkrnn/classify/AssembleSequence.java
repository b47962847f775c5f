package io.sparkrnn.classify;

import org.apache.spark.api.java.function.Function;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts one sequence's rows in step order (the order column, then file and position) and checks
 * that they describe one labelled sequence: every row usable, one label, no two rows at the
 * same step. Sequences longer than {@code maxLength} keep their last steps, where a
 * many-to-one model reads the evidence it answers from.
 */
public final class AssembleSequence implements Function<Tuple2<String, Iterable<StepRow>>, LabelledSequence> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<StepRow> STEP_ORDER = Comparator.comparingDouble(StepRow::order)
            .thenComparing(StepRow::file).thenComparingLong(StepRow::position);
    private final boolean ordered;
    private final int maxLength;

    /**
     * @param ordered   whether the rows carry an order column (then two rows may not share a value)
     * @param maxLength the longest sequence kept whole, 0 for no limit
     */
    public AssembleSequence(boolean ordered, int maxLength) {
        this.ordered = ordered;
        this.maxLength = maxLength;
    }

    @Override
    public LabelledSequence call(Tuple2<String, Iterable<StepRow>> group) {
        List<StepRow> rows = new ArrayList<>();
        group._2().forEach(rows::add);
        rows.sort(STEP_ORDER);
        String id = group._1();
        String label = rows.get(0).label();
        long bad = rows.stream().filter(StepRow::rejected).count();
        if (bad > 0) {
            StepRow first = rows.stream().filter(StepRow::rejected).findFirst().orElseThrow();
            return LabelledSequence.refused(id, label, rows.size(), bad + " of its " + rows.size()
                    + " rows rejected, e.g. " + first.file() + ": " + first.problem());
        }
        for (int i = 1; i < rows.size(); i++) {
            StepRow r = rows.get(i);
            if (!r.label().equals(label)) {
                return LabelledSequence.refused(id, label, rows.size(), "rows carry different labels ('" + label
                        + "' and '" + r.label() + "'); a sequence has one class");
            }
            if (ordered && r.order() == rows.get(i - 1).order()) {
                return LabelledSequence.refused(id, label, rows.size(), "two rows at step " + r.order()
                        + " of the order column");
            }
        }
        int from = maxLength > 0 && rows.size() > maxLength ? rows.size() - maxLength : 0;
        float[][] steps = new float[rows.size() - from][];
        for (int t = from; t < rows.size(); t++) {
            steps[t - from] = rows.get(t).features();
        }
        return new LabelledSequence(id, label, steps, rows.size(), null);
    }
}
