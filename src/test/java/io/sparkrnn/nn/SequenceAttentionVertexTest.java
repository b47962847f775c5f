package io.sparkrnn.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(DoublePrecision.class)
class SequenceAttentionVertexTest {
    /** Queries [n, 4, 5] and memory [n, 6, 4], each through a tanh layer to size 3, the attention, a softmax. */
    static ComputationGraph graph() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder().addInputs("queries", "memory");
        String q = PerStep.dense(g, "q", 4, 3, Activation.TANH, true, "queries");
        String m = PerStep.dense(g, "m", 6, 3, Activation.TANH, true, "memory");
        ComputationGraphConfiguration conf = g.addVertex("attention", new SequenceAttentionVertex("memory"), q, m)
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(3).nOut(3).dataFormat(RNNFormat.NCW).build(), "attention")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(conf.toJson()));
        graph.init();
        return graph;
    }

    /** Memory lengths 4, 3 and 1. */
    static INDArray memoryMask() {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 3, 4);
        mask.putScalar(new int[]{1, 3}, 0);
        mask.get(NDArrayIndex.point(2), NDArrayIndex.interval(1, 4)).assign(0);
        return mask;
    }

    private static INDArray labels() {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 3, 5);
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 5; t++) {
                labels.putScalar(new int[]{i, random.nextInt(3), t}, 1.0);
            }
        }
        return labels;
    }

    @Test
    void gradientsThroughTheAttentionMatchFiniteDifferencesWithMaskedMemory() {
        Nd4j.getRandom().setSeed(3);
        INDArray queries = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5).muli(4);
        INDArray memory = Nd4j.rand(DataType.DOUBLE, 3, 6, 4).subi(0.5).muli(4);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph())
                .inputs(new INDArray[]{queries, memory}).labels(new INDArray[]{labels()})
                .inputMask(new INDArray[]{null, memoryMask()}).epsilon(1e-6).maxRelError(1e-5)
                .minAbsoluteError(1e-9));
        assertTrue(ok, "attention gradients differ from finite differences (see the log above)");
    }

    @Test
    void maskedMemoryStepsAreNeverRead() {
        ComputationGraph graph = graph();
        INDArray queries = Nd4j.rand(DataType.DOUBLE, 3, 4, 5);
        INDArray memory = Nd4j.rand(DataType.DOUBLE, 3, 6, 4);
        INDArray[] masks = {null, memoryMask()};
        INDArray padded = graph.output(false, new INDArray[]{queries, memory}, masks)[0];
        INDArray noise = memory.dup();
        noise.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(1, 4)).assign(50);
        INDArray noisy = graph.output(false, new INDArray[]{queries, noise}, masks)[0];
        graph.clearLayerMaskArrays();
        assertEquals(0, padded.sub(noisy).amaxNumber().doubleValue(), 1e-12, "padding was read");
        // the third source alone, one memory step and no mask: the same output as in the batch
        INDArray alone = graph.output(false, new INDArray[]{queries.get(NDArrayIndex.interval(2, 3),
                NDArrayIndex.all(), NDArrayIndex.all()), memory.get(NDArrayIndex.interval(2, 3), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 1))}, (INDArray[]) null)[0];
        double gap = alone.sub(padded.get(NDArrayIndex.interval(2, 3), NDArrayIndex.all(), NDArrayIndex.all()))
                .amaxNumber().doubleValue();
        assertEquals(0, gap, 1e-12, "the unpadded source read differently by " + gap);
    }

    @Test
    void eachStepReadsTheSoftmaxWeightedMemory() {
        // size 1: query q = 2 over memory x = (1, -1, 3), scores q x (scaled by 1/sqrt(1))
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("q", "m").addVertex("attention", new SequenceAttentionVertex("m"), "q", "m")
                .setOutputs("attention").build());
        g.init();
        INDArray q = Nd4j.create(new double[]{2, 0}, new long[]{1, 1, 2}, 'c');
        INDArray m = Nd4j.create(new double[]{1, -1, 3}, new long[]{1, 1, 3}, 'c');
        INDArray read = g.output(q, m)[0];
        double z = Math.exp(2) + Math.exp(-2) + Math.exp(6);
        double expected = (Math.exp(2) - Math.exp(-2) + 3 * Math.exp(6)) / z;
        assertEquals(expected, read.getDouble(0, 0, 0), 1e-9, "step 1 reads the softmax(q x)-weighted x");
        assertEquals(1.0, read.getDouble(0, 0, 1), 1e-9, "a zero query reads the plain mean (1 - 1 + 3) / 3");
    }
}
