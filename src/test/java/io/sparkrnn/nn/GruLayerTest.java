package io.sparkrnn.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** The GRU layer: exact gradients (with and without masks), stepwise generation, saving. */
@ExtendWith(DoublePrecision.class)
class GruLayerTest {
    private static MultiLayerNetwork net(int nIn, int hidden, int layers, int nOut, boolean tbptt) {
        return net(nIn, hidden, layers, nOut, tbptt, new NoOp());
    }

    private static MultiLayerNetwork net(int nIn, int hidden, int layers, int nOut, boolean tbptt,
                                         org.nd4j.linalg.learning.config.IUpdater updater) {
        return net(DataType.DOUBLE, nIn, hidden, layers, nOut, tbptt, updater);
    }

    private static MultiLayerNetwork net(DataType type, int nIn, int hidden, int layers, int nOut, boolean tbptt,
                                         org.nd4j.linalg.learning.config.IUpdater updater) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(12345)
                .dataType(type).updater(updater).weightInit(WeightInit.XAVIER).list();
        int in = nIn;
        for (int i = 0; i < layers; i++) {
            b.layer(new Gru.Builder().nIn(in).nOut(hidden).dataFormat(RNNFormat.NCW).build());
            in = hidden;
        }
        b.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(in).nOut(nOut).dataFormat(RNNFormat.NCW).build());
        if (tbptt) {
            b.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(3).tBPTTBackwardLength(3);
        }
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray oneHotLabels(int batch, int classes, int steps, long seed) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, classes, steps);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(new int[]{i, random.nextInt(classes), t}, 1.0);
            }
        }
        return labels;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MultiLayerNetwork net = net(3, 4, 2, 3, false);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(oneHotLabels(2, 3, 5, 1)).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        assertTrue(ok, "GRU gradients differ from finite differences (see the log above)");
    }

    @Test
    void gradientsMatchWithMasksOfDifferentLengths() {
        MultiLayerNetwork net = net(3, 4, 1, 3, false);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 3, 6).subi(0.5);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 3, 6);
        mask.putScalar(new int[]{1, 5}, 0); // lengths 6, 5 and 3
        mask.putScalar(new int[]{2, 3}, 0);
        mask.putScalar(new int[]{2, 4}, 0);
        mask.putScalar(new int[]{2, 5}, 0);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(oneHotLabels(3, 3, 6, 2)).inputMask(mask).labelMask(mask).epsilon(1e-6).maxRelError(1e-5)
                .minAbsoluteError(1e-9));
        assertTrue(ok, "masked GRU gradients differ from finite differences (see the log above)");
    }

    private static double relative(INDArray actual, INDArray reference) {
        return actual.castTo(DataType.DOUBLE).sub(reference).amaxNumber().doubleValue()
                / reference.amaxNumber().doubleValue();
    }

    /** The single-precision speed path computes what the double-precision path (gradient-checked above) does. */
    @Test
    void singlePrecisionPathEqualsTheCheckedPathWithMasks() {
        MultiLayerNetwork reference = net(4, 6, 2, 4, false);
        MultiLayerNetwork fast = net(DataType.FLOAT, 4, 6, 2, 4, false, new NoOp());
        fast.setParams(reference.params().castTo(DataType.FLOAT));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 4, 6).subi(0.5);
        INDArray labels = oneHotLabels(3, 4, 6, 5);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 3, 6);
        mask.putScalar(new int[]{1, 5}, 0);
        mask.get(point(2), org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6)).assign(0);
        INDArray fIn = input.castTo(DataType.FLOAT);
        INDArray fLabels = labels.castTo(DataType.FLOAT);
        INDArray fMask = mask.castTo(DataType.FLOAT);
        double out = relative(fast.output(fIn, false, fMask, fMask), reference.output(input, false, mask, mask));
        assertTrue(out < 1e-4, "float GRU outputs differ from the double path by " + out + " (relative)");
        var g = fast.calculateGradients(fIn, fLabels, fMask, fMask);
        var r = reference.calculateGradients(input, labels, mask, mask);
        for (var e : r.getFirst().gradientForVariable().entrySet()) {
            double d = relative(g.getFirst().getGradientFor(e.getKey()), e.getValue());
            assertTrue(d < 1e-4, "float GRU gradient " + e.getKey() + " differs from the double path by " + d);
        }
        double eps = relative(g.getSecond(), r.getSecond());
        assertTrue(eps < 1e-4, "float GRU input gradient differs from the double path by " + eps);

        fast.clearLayerMaskArrays();
        fast.rnnClearPreviousState();
        INDArray full = fast.output(fIn);
        for (int t = 0; t < 6; t++) {
            INDArray step = fast.rnnTimeStep(fIn.get(all(), all(), point(t)));
            double diff = step.sub(full.get(all(), all(), point(t))).amaxNumber().doubleValue();
            assertTrue(diff < 1e-6, "float GRU step " + t + " differs from the full pass by " + diff);
        }
    }

    @Test
    void stepByStepGenerationEqualsTheFullForwardPass() {
        MultiLayerNetwork net = net(3, 5, 2, 3, false);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 3, 7);
        INDArray full = net.output(input);
        net.rnnClearPreviousState();
        for (int t = 0; t < 7; t++) {
            INDArray step = net.rnnTimeStep(input.get(all(), all(), point(t)));
            INDArray expected = full.get(all(), all(), point(t));
            double diff = step.sub(expected).amaxNumber().doubleValue();
            assertTrue(diff < 1e-12, "step " + t + " differs from the full pass by " + diff);
        }
    }

    @Test
    void savedModelReloadsWithTheSameOutputs() throws IOException {
        MultiLayerNetwork net = net(3, 4, 1, 3, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertTrue(back.getLayer(0) instanceof GruLayer, "the layer comes back as a GRU: " + back.getLayer(0));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 3, 4);
        assertEquals(net.output(input), back.output(input));
        assertEquals(3 * 4 * (3 + 4 + 1), back.getLayer(0).numParams(), "3 blocks of (nIn + nOut + 1) x nOut");
    }

    /** Inputs of random classes; the target at each step is the input two steps earlier (class 0 before). */
    private static org.nd4j.linalg.dataset.DataSet lagTwoCopy() {
        INDArray input = oneHotLabels(8, 3, 9, 3);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 8, 3, 9);
        labels.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 9))
                .assign(input.get(all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 7)));
        labels.get(all(), point(0), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).assign(1);
        return new org.nd4j.linalg.dataset.DataSet(input, labels);
    }

    private static double[] trainLagTwo(MultiLayerNetwork net) {
        var data = lagTwoCopy();
        DataType type = net.params().dataType();
        data = new org.nd4j.linalg.dataset.DataSet(data.getFeatures().castTo(type), data.getLabels().castTo(type));
        double before = net.score(data);
        for (int i = 0; i < 150; i++) {
            net.fit(data);
        }
        return new double[]{before, net.score(data)};
    }

    @Test
    void theStateCarriesInformationAcrossStepsAndTruncatedBpttTrainsLikeDl4jsLstm() {
        double[] full = trainLagTwo(net(3, 8, 1, 3, false, new Adam(0.05)));
        assertTrue(full[1] < 0.1, "a lag-2 copy task with full BPTT: loss " + full[0] + " -> " + full[1]);

        // With 3-step truncation the lag crosses segment boundaries; DL4J's own LSTM is the yardstick.
        double[] gru = trainLagTwo(net(3, 8, 1, 3, true, new Adam(0.05)));
        MultiLayerConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(12345)
                .dataType(DataType.DOUBLE).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER).list()
                .layer(new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(3).nOut(8).dataFormat(RNNFormat.NCW)
                        .build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(8).nOut(3).dataFormat(RNNFormat.NCW).build())
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(3).tBPTTBackwardLength(3);
        MultiLayerNetwork lstm = new MultiLayerNetwork(b.build());
        lstm.init();
        double[] reference = trainLagTwo(lstm);
        assertTrue(gru[1] < 0.8 * gru[0], "truncated BPTT lowers the GRU's loss: " + gru[0] + " -> " + gru[1]);
        assertTrue(gru[1] <= 1.1 * reference[1], "GRU with truncated BPTT ends at " + gru[1]
                + ", DL4J's LSTM at " + reference[1]);
        double[] single = trainLagTwo(net(DataType.FLOAT, 3, 8, 1, 3, true, new Adam(0.05)));
        assertTrue(single[1] < 0.8 * single[0], "truncated BPTT lowers the float GRU's loss: " + single[0] + " -> "
                + single[1]);
    }
}
