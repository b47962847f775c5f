package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Moments;
import io.sparkrnn.core.stats.Standardizer;

import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.TableRow;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows to labelled sequences to masked minibatches, without Spark. */
class SequencePreparationTest {
    private final ParseSteps parse = new ParseSteps("id", "label", "t", List.of("a", "b"));

    /** A data row as the shared table reader gives it: the id, label, order and feature cells. */
    private StepRow row(String id, String label, String t, String a, String b, long position) {
        return parse.call(TableRow.row("f.csv", position, new String[]{id, label, t, a, b}, String.join(",",
                String.valueOf(id), label, t, a, b)));
    }

    @Test
    void parsesAndRejectsRowsWithTheirReason() {
        StepRow ok = row("s1", "x", "2", "1.5", "-2", 0);
        assertNull(ok.problem());
        assertArrayEquals(new float[]{1.5f, -2f}, ok.features());
        assertEquals(2.0, ok.order());
        assertEquals("column 'b': 'abc' is not a finite number", row("s1", "x", "1", "1", "abc", 1).problem());
        assertEquals("column 'a': missing value", row("s1", "x", "1", "", "1", 2).problem());
        assertEquals("column 'a': missing value ('NaN')", row("s1", "x", "1", "NaN", "1", 3).problem());
        assertEquals("column 't': 'first' is not a number", row("s1", "x", "first", "1", "1", 4).problem());
        assertEquals("no label in column 'label'", row("s1", "", "1", "1", "1", 5).problem());
        assertEquals("no sequence id in column 'id'", row(null, "x", "1", "1", "1", 6).problem());
        StepRow malformed = parse.call(TableRow.malformed("f.csv", 7L, "s1,x", "the row has 2 cells where the "
                + "header has 5; it cannot be read as the header says"));
        assertEquals("the row has 2 cells where the header has 5; it cannot be read as the header says",
                malformed.problem());
        assertEquals(Rejection.MALFORMED, malformed.kind());
        assertEquals("s1,x", malformed.raw());
    }

    @Test
    void assemblesStepsInOrderAndRefusesInconsistentSequences() {
        AssembleSequence assemble = new AssembleSequence(true, 0);
        LabelledSequence s = assemble.call(new Tuple2<>("s1", List.of(row("s1", "x", "3", "3", "0", 0),
                row("s1", "x", "1", "1", "0", 1), row("s1", "x", "2", "2", "0", 2))));
        assertTrue(s.usable(), s.problem());
        assertEquals(3, s.length());
        assertEquals(List.of(1f, 2f, 3f), List.of(s.steps()[0][0], s.steps()[1][0], s.steps()[2][0]));

        LabelledSequence twoLabels = assemble.call(new Tuple2<>("s2", List.of(row("s2", "x", "1", "1", "0", 0),
                row("s2", "y", "2", "2", "0", 1))));
        assertFalse(twoLabels.usable());
        assertTrue(twoLabels.problem().contains("different labels ('x' and 'y')"), twoLabels.problem());

        LabelledSequence sameStep = assemble.call(new Tuple2<>("s3", List.of(row("s3", "x", "1", "1", "0", 0),
                row("s3", "x", "1", "2", "0", 1))));
        assertTrue(sameStep.problem().contains("two rows at step 1.0"), sameStep.problem());

        LabelledSequence badRow = assemble.call(new Tuple2<>("s4", List.of(row("s4", "x", "1", "1", "0", 0),
                row("s4", "x", "2", "oops", "0", 1))));
        assertTrue(badRow.problem().startsWith("1 of its 2 rows rejected, e.g. f.csv: column 'a'"), badRow.problem());
        assertEquals(2, badRow.originalLength());
    }

    @Test
    void longSequencesKeepTheirLastSteps() {
        LabelledSequence s = new AssembleSequence(true, 2).call(new Tuple2<>("s", List.of(
                row("s", "x", "1", "1", "0", 0), row("s", "x", "2", "2", "0", 1), row("s", "x", "3", "3", "0", 2))));
        assertEquals(2, s.length());
        assertEquals(3, s.originalLength());
        assertTrue(s.truncated());
        assertEquals(2f, s.steps()[0][0]);
        assertEquals(3f, s.steps()[1][0]);
    }

    @Test
    void numericLabelsAreNumberedInNumericOrder() {
        assertEquals(List.of("1", "2", "9", "10"), new ClassIndex(List.of("10", "9", "1", "2")).labels());
        assertEquals(List.of("ham", "spam"), new ClassIndex(List.of("spam", "ham")).labels());
        assertEquals(-1, new ClassIndex(List.of("a", "b")).index("c"));
    }

    @Test
    void scalerUsesTrainingMomentsAndLeavesConstantFeaturesFinite() {
        LabelledSequence s = new LabelledSequence("s", "x", new float[][]{{1, 5}, {3, 5}}, 2, null);
        Standardizer[] scaler = new SequenceFunctions.AddSteps().call(new Moments(2), s).standardizers();
        assertEquals(2.0, scaler[0].mean(), 1e-12);
        assertEquals(1.0, scaler[0].std(), 1e-12);
        assertEquals(1.0, scaler[1].std(), 1e-12, "a constant feature keeps spread 1");
        assertEquals(-1f, (float) scaler[0].scale(1f), 1e-6);
        assertEquals(0f, (float) scaler[1].scale(5f), 1e-6);
    }

    @Test
    void minibatchesArePaddedAfterTheEndAndMasked() {
        ClassIndex classes = new ClassIndex(List.of("x", "y"));
        LabelledSequence longer = new LabelledSequence("a", "y", new float[][]{{1, 2}, {3, 4}, {5, 6}}, 3, null);
        LabelledSequence shorter = new LabelledSequence("b", "x", new float[][]{{7, 8}}, 1, null);
        DataSet ds = ToClassBatches.toDataSet(List.of(longer, shorter), classes, Standardizer.identity(2));
        assertArrayEquals(new long[]{2, 2, 3}, ds.getFeatures().shape());
        assertEquals(5f, ds.getFeatures().getFloat(0, 0, 2));
        assertEquals(8f, ds.getFeatures().getFloat(1, 1, 0));
        assertEquals(0f, ds.getFeatures().getFloat(1, 1, 1), "padding is zero");
        assertArrayEquals(new float[]{1, 1, 1, 1, 0, 0}, ds.getFeaturesMaskArray().dup().data().asFloat());
        assertArrayEquals(new float[]{0, 1, 1, 0}, ds.getLabels().dup().data().asFloat());
        assertNull(ds.getLabelsMaskArray());
    }

    @Test
    void shuffleKeyDependsOnSeedAndIdOnly() throws Exception {
        LabelledSequence s = new LabelledSequence("utterance-7", "x", new float[0][], 0, null);
        var k = new SequenceFunctions.ShuffleKey(42);
        assertEquals(k.call(s), new SequenceFunctions.ShuffleKey(42).call(s));
        assertFalse(k.call(s).equals(new SequenceFunctions.ShuffleKey(43).call(s)));
        LabelledSequence unknown = new SequenceFunctions.RefuseUnknownClass(new ClassIndex(List.of("a", "b")))
                .call(new LabelledSequence("s", "c", new float[][]{{1}}, 1, null));
        assertEquals("the label 'c' is not among the training classes [a, b]", unknown.problem());
    }

    @Test
    void nearestCentroidPicksTheClosestClassMean() {
        double[][] centroids = {{0, 0}, null, {10, 10}};
        assertEquals(0, ClassBaselines.nearest(centroids, new double[]{1, 2}));
        assertEquals(2, ClassBaselines.nearest(centroids, new double[]{6, 6}));
    }
}
