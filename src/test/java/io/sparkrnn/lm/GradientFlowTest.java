package io.sparkrnn.lm;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradient-flow measurement: only the last step's loss, read back by distance. */
class GradientFlowTest {
    private static DataSet windows(int vocabulary, int steps) {
        Random random = new Random(1);
        INDArray ids = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, steps);
        INDArray features = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, vocabulary, steps);
        for (int b = 0; b < 4; b++) {
            for (int t = 0; t < steps; t++) {
                features.putScalar(new int[]{b, random.nextInt(vocabulary), t}, 1);
                ids.putScalar(new int[]{b, 0, t}, random.nextInt(vocabulary));
            }
        }
        return new DataSet(features, ids);
    }

    private static MultiLayerNetwork net(Cell cell) {
        return ModelFactory.create(LmConfig.Model.defaults().withCell(cell).withLayers(1).withHiddenSize(32),
                Training.defaults().withLearningRate(0.01).withGradientClip(0, Training.ClipMode.VALUE).withSeed(7), 10);
    }

    @Test
    void measuresEveryDistanceAndLeavesTheNetworkAlone() {
        MultiLayerNetwork net = net(Cell.RNN);
        INDArray before = net.params().dup();
        GradientFlow.Profile p = GradientFlow.measure("rnn", net, windows(10, 40));
        assertEquals(40, p.norms().length);
        assertEquals(before, net.params(), "parameters unchanged");
        assertTrue(p.norms()[0] > 0, "the last step's own input has a gradient: " + p.norms()[0]);
        assertEquals(1.0, p.relative(0), 1e-12);
        assertTrue(p.norms()[39] > 0, "a recurrent network passes some gradient 39 steps back: " + p.norms()[39]);

        // Without recurrent weights nothing flows back: only the last step's input matters to L_T.
        net.setParam("0_RW", Nd4j.zeros(net.getParam("0_RW").dataType(), net.getParam("0_RW").shape()));
        GradientFlow.Profile none = GradientFlow.measure("no recurrence", net, windows(10, 40));
        assertTrue(none.norms()[0] > 0);
        for (int d = 1; d < 40; d++) {
            assertEquals(0.0, none.norms()[d], 0.0, "distance " + d + " without recurrent weights");
        }
        for (Cell cell : Cell.values()) {
            GradientFlow.Profile c = GradientFlow.measure(cell.name(), net(cell), windows(10, 40));
            assertTrue(Double.isFinite(c.relative(39)), cell + " " + c.relative(39));
        }
    }
}
