package io.sparkrnn.demo;

import io.sparkrnn.nn.Cell;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The copy task: its sequences, and an LSTM learning a short lag. */
class LongDependencyTest {

    @Test
    void theOnlyTargetIsTheFirstSymbolAtTheLastStep() {
        DataSet d = LongDependency.batch(new Random(3), 5, 7);
        INDArray x = d.getFeatures();
        assertEquals(8, x.size(2), "lag 7: 8 steps");
        assertEquals(5.0 * 8, x.sumNumber().doubleValue(), 1e-9, "one symbol per step and sequence");
        assertEquals(5.0, d.getLabelsMaskArray().sumNumber().doubleValue(), 1e-9, "one scored step per sequence");
        for (int b = 0; b < 5; b++) {
            assertEquals(1.0, d.getLabelsMaskArray().getDouble(b, 7), "scored at the last step");
            int first = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0)).argMax().getInt(0);
            assertEquals(first, d.getLabels().getInt(b, 0, 7), "sequence " + b + ": the target is the first symbol");
        }
    }

    @Test
    void anLstmLearnsALagOfTen() {
        LongDependency.Result r = LongDependency.run(Cell.LSTM, 10, 32, 600, 1);
        assertTrue(r.learned() && r.loss() < 0.3 * LongDependency.Result.trivialLoss(),
                "LSTM at lag 10 after 600 updates: loss " + r.loss() + ", " + 100 * r.accuracy() + "% right");
    }

    @Test
    void curriculumDoublesTheLagUpToTheScoredOne() {
        assertEquals(List.of(10, 20, 40, 80, 100), LongDependency.curriculum(100));
        assertEquals(List.of(10), LongDependency.curriculum(10));
        assertEquals(List.of(5), LongDependency.curriculum(5));
        assertEquals(List.of(10, 20, 40, 50), LongDependency.curriculum(50));
    }
}
