package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** The single-precision Elman layer computes what DL4J's SimpleRnn computes, in double precision. */
class FusedSimpleRnnTest {

    private static MultiLayerNetwork net(DataType type, boolean fused, int tbptt, org.nd4j.linalg.learning.config.IUpdater u,
                                         int nIn, int hidden, int layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).dataType(type).updater(u)
                .weightInit(WeightInit.XAVIER).list();
        int in = nIn;
        for (int i = 0; i < layers; i++) {
            SimpleRnn.Builder layer = fused ? new FusedSimpleRnn.Builder() : new SimpleRnn.Builder();
            b.layer(layer.activation(Activation.TANH).nIn(in).nOut(hidden).dataFormat(RNNFormat.NCW).build());
            in = hidden;
        }
        b.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(in)
                .nOut(nIn).dataFormat(RNNFormat.NCW).build());
        if (tbptt > 0) {
            b.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbptt).tBPTTBackwardLength(tbptt);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static INDArray oneHot(DataType type, int batch, int classes, int steps, long seed) {
        INDArray a = Nd4j.zeros(type, batch, classes, steps);
        Random random = new Random(seed);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                a.putScalar(new int[]{i, random.nextInt(classes), t}, 1.0);
            }
        }
        return a;
    }

    private static double relative(INDArray actual, INDArray reference) {
        return actual.castTo(DataType.DOUBLE).sub(reference.castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                / reference.amaxNumber().doubleValue();
    }

    @Test
    void outputsAndGradientsEqualDl4jsSimpleRnnWithMasks() {
        MultiLayerNetwork reference = net(DataType.DOUBLE, false, 0, new NoOp(), 5, 8, 2);
        MultiLayerNetwork fused = net(DataType.FLOAT, true, 0, new NoOp(), 5, 8, 2);
        assertTrue(fused.getLayer(0) instanceof FusedSimpleRnnLayer, "float networks get the fused layer: "
                + fused.getLayer(0));
        fused.setParams(reference.params().castTo(DataType.FLOAT));
        INDArray input = oneHot(DataType.DOUBLE, 3, 5, 7, 1).addi(Nd4j.rand(DataType.DOUBLE, 3, 5, 7).muli(0.1));
        INDArray labels = oneHot(DataType.DOUBLE, 3, 5, 7, 2);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 3, 7);
        mask.get(point(2), interval(4, 7)).assign(0);
        INDArray fIn = input.castTo(DataType.FLOAT);
        INDArray fLabels = labels.castTo(DataType.FLOAT);
        INDArray fMask = mask.castTo(DataType.FLOAT);
        double out = relative(fused.output(fIn, false, fMask, fMask), reference.output(input, false, mask, mask));
        assertTrue(out < 1e-4, "outputs differ from DL4J's SimpleRnn by " + out);
        var g = fused.calculateGradients(fIn, fLabels, fMask, fMask);
        var r = reference.calculateGradients(input, labels, mask, mask);
        for (var e : r.getFirst().gradientForVariable().entrySet()) {
            double d = relative(g.getFirst().getGradientFor(e.getKey()), e.getValue());
            assertTrue(d < 1e-4, "gradient " + e.getKey() + " differs from DL4J's SimpleRnn by " + d);
        }
        double eps = relative(g.getSecond(), r.getSecond());
        assertTrue(eps < 1e-4, "input gradient differs from DL4J's SimpleRnn by " + eps);
    }

    @Test
    void stepByStepGenerationEqualsTheFullPassAndTheModelReloads() throws Exception {
        MultiLayerNetwork net = net(DataType.FLOAT, true, 0, new NoOp(), 4, 6, 2);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 4, 6);
        INDArray full = net.output(input);
        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            double diff = net.rnnTimeStep(input.get(all(), all(), point(t))).sub(full.get(all(), all(), point(t)))
                    .amaxNumber().doubleValue();
            assertTrue(diff < 1e-6, "step " + t + " differs from the full pass by " + diff);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertTrue(back.getLayer(0) instanceof FusedSimpleRnnLayer, "reloaded as the fused layer: " + back.getLayer(0));
        assertEquals(net.output(input), back.output(input));
    }

    @Test
    void truncatedBpttCarriesTheStateAcrossSegments() {
        INDArray input = oneHot(DataType.FLOAT, 8, 3, 9, 3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 3, 9); // target: the input two steps earlier
        labels.get(all(), all(), interval(2, 9)).assign(input.get(all(), all(), interval(0, 7)));
        labels.get(all(), point(0), interval(0, 2)).assign(1);
        DataSet data = new DataSet(input, labels);
        MultiLayerNetwork net = net(DataType.FLOAT, true, 3, new Adam(0.05), 3, 16, 1);
        double before = net.score(data);
        for (int k = 0; k < 300; k++) {
            net.fit(data);
        }
        double after = net.score(data);
        assertTrue(after < 0.2 * before, "lag-2 copy across 3-step segments: loss " + before + " -> " + after);
    }
}
