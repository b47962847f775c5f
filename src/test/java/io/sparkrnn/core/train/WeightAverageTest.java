package io.sparkrnn.core.train;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;

import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.lm.ModelFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weight average: its arithmetic, the network it yields, and its checkpoint form. */
class WeightAverageTest {
    private static MultiLayerNetwork network(long seed) {
        var model = LmConfig.Model.defaults().withCell(Cell.LSTM).withLayers(1).withHiddenSize(6);
        var training = Training.defaults().withLearningRate(0.01).withGradientClip(1.0, Training.ClipMode.VALUE).withSeed(seed);
        return ModelFactory.create(model, training, 5);
    }

    @Test
    void eachRoundMovesTheAverageByOneOverTheTimeConstant() {
        INDArray p1 = network(1).params().dup();
        INDArray p2 = network(2).params().dup();
        INDArray p3 = network(3).params().dup();
        WeightAverage average = new WeightAverage(4);
        average.update(p1);
        average.update(p2);
        average.update(p3);
        // Starts at p1, then m = 0.75 m + 0.25 p.
        INDArray expected = p1.mul(0.75 * 0.75).addi(p2.mul(0.25 * 0.75)).addi(p3.mul(0.25));
        MultiLayerNetwork net = network(3);
        MultiLayerNetwork averaged = average.applyTo(net);
        assertNotSame(net, averaged);
        double error = averaged.params().sub(expected.reshape(averaged.params().shape())).amaxNumber().doubleValue();
        assertTrue(error < 1e-6, "largest difference from 9/16 p1 + 3/16 p2 + 1/4 p3: " + error);
        assertEquals(0.0, net.params().sub(p3.reshape(net.params().shape())).amaxNumber().doubleValue(), 0.0,
                "the trained network keeps its own parameters");
        assertEquals(3, average.updates());
    }

    @Test
    void aTimeConstantOfOneRoundIsTheLastParameters() {
        WeightAverage average = new WeightAverage(1);
        average.update(network(1).params());
        INDArray last = network(2).params();
        average.update(last);
        assertEquals(0.0, average.applyTo(network(3)).params().sub(last.reshape(1, last.length()))
                .amaxNumber().doubleValue(), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(0));
    }

    @Test
    void survivesACheckpoint() {
        WeightAverage average = new WeightAverage(10);
        average.update(network(1).params());
        average.update(network(2).params());
        WeightAverage back = WeightAverage.fromBytes(10, average.toBytes());
        assertEquals(2, back.updates());
        MultiLayerNetwork net = network(5);
        assertEquals(average.applyTo(net).params(), back.applyTo(net).params(), "restored parameters");
        // Both continue identically.
        INDArray next = network(3).params();
        average.update(next);
        back.update(next);
        assertEquals(average.applyTo(net).params(), back.applyTo(net).params(), "after one more round");
        WeightAverage empty = WeightAverage.fromBytes(10, new WeightAverage(10).toBytes());
        assertEquals(net.params(), empty.applyTo(net).params(), "an average of nothing yet leaves the network as is");
    }
}
