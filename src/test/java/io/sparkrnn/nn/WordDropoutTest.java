package io.sparkrnn.nn;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordDropoutTest {
    @Test
    void stepsAreDroppedWholeAtTheRateUnscaledAndTheGradientFollowsTheSameMask() {
        Nd4j.getRandom().setSeed(12);
        INDArray input = Nd4j.rand(DataType.FLOAT, 40, 5, 50).addi(0.5);
        WordDropout dropout = new WordDropout(0.3);
        INDArray output = dropout.applyDropout(input, input.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        INDArray gradient = dropout.backprop(Nd4j.ones(DataType.FLOAT, 40, 5, 50), input.ulike(), 0, 0);
        int dropped = 0;
        for (int b = 0; b < 40; b++) {
            for (int t = 0; t < 50; t++) {
                INDArray out = output.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                INDArray in = input.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                INDArray grad = gradient.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                boolean gone = out.amaxNumber().doubleValue() == 0;
                if (gone) {
                    dropped++;
                    assertEquals(0, grad.amaxNumber().doubleValue(), "no gradient reaches a dropped step");
                } else {
                    assertEquals(0, out.sub(in).amaxNumber().doubleValue(), 0,
                            "a kept step is the input, not rescaled (example " + b + ", step " + t + ")");
                    assertEquals(5, grad.sumNumber().doubleValue(), 0, "a kept step passes the gradient");
                }
            }
        }
        double rate = dropped / 2000.0;
        assertTrue(Math.abs(rate - 0.3) < 0.04, "dropped " + dropped + " of 2000 steps: " + rate + ", expected 0.3");
    }

    @Test
    void itNeedsASequenceAndARateBelowOne() {
        WordDropout dropout = new WordDropout(0.5);
        INDArray flat = Nd4j.ones(DataType.FLOAT, 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> dropout.applyDropout(flat, flat.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces()));
        assertThrows(IllegalArgumentException.class, () -> new WordDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new WordDropout(-0.1));
        assertEquals(dropout, dropout.clone(), "a clone drops at the same rate");
    }
}
