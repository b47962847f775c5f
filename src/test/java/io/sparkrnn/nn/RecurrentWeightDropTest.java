package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weight drop on the recurrent weights: training sees a thinned hidden-to-hidden matrix and
 * gets the gradient of that thinned network with respect to the plain weights; inference and
 * saved models are untouched. Checked for each of the project's recurrent layers in single
 * precision (the training path) against a network without weight noise whose recurrent
 * weights are set to the thinned matrix.
 */
class RecurrentWeightDropTest {
    private static final double DROP = 0.3;
    private static final int IN = 11;
    private static final int HIDDEN = 24;

    enum Cell {
        LSTM, GRU, RNN;

        BaseRecurrentLayer.Builder<?> builder() {
            return switch (this) {
                case LSTM -> new FusedLstm.Builder().activation(Activation.TANH);
                case GRU -> new Gru.Builder();
                case RNN -> new FusedSimpleRnn.Builder().activation(Activation.TANH);
            };
        }
    }

    private static MultiLayerNetwork net(Cell cell, double drop) {
        BaseRecurrentLayer.Builder<?> layer = cell.builder();
        layer.nIn(IN).nOut(HIDDEN).dataFormat(RNNFormat.NCW);
        if (drop > 0) {
            layer.weightNoise(new RecurrentWeightDrop(drop));
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(layer.build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(HIDDEN).nOut(IN).dataFormat(RNNFormat.NCW).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray oneHot(int batch, int steps, long seed) {
        INDArray a = Nd4j.zeros(DataType.FLOAT, batch, IN, steps);
        Random random = new Random(seed);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                a.putScalar(new int[]{i, random.nextInt(IN), t}, 1.0);
            }
        }
        return a;
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray input, INDArray labels, String key) {
        net.setInput(input);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient().getGradientFor(key).dup();
    }

    private static double relative(INDArray actual, INDArray reference) {
        return actual.sub(reference).amaxNumber().doubleValue()
                / Math.max(reference.amaxNumber().doubleValue(), 1e-30);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void trainsTheThinnedNetworkAndInfersWithThePlainOne(Cell cell) {
        MultiLayerNetwork dropped = net(cell, DROP);
        MultiLayerNetwork plain = net(cell, 0);
        plain.setParams(dropped.params());
        INDArray input = oneHot(6, 9, 1);
        INDArray labels = oneHot(6, 9, 2);

        double outDiff = relative(dropped.output(input, false), plain.output(input, false));
        assertEquals(0.0, outDiff, 1e-6, cell + ": inference output differs from the plain network's by " + outDiff);

        INDArray rwGrad = gradient(dropped, input, labels, "0_RW");
        INDArray kept = rwGrad.neq(0).castTo(DataType.FLOAT);
        double dropped0 = 1.0 - kept.meanNumber().doubleValue();
        assertTrue(Math.abs(dropped0 - DROP) < 0.08, cell + ": " + dropped0
                + " of the recurrent weights got no gradient; expected about " + DROP);
        INDArray wGrad = dropped.gradient().getGradientFor("0_W").dup();
        INDArray bGrad = dropped.gradient().getGradientFor("0_b").dup();
        double score = dropped.score();

        // The same minibatch through a network without weight noise whose RW is the thinned matrix.
        INDArray thinned = dropped.getLayer(0).getParam("RW").mul(kept).divi(1.0 - DROP);
        plain.getLayer(0).setParam("RW", thinned);
        INDArray plainRw = gradient(plain, input, labels, "0_RW");
        assertEquals(plain.score(), score, 1e-5 * Math.abs(score), cell + ": training loss of the thinned network");
        double w = relative(wGrad, plain.gradient().getGradientFor("0_W"));
        double b = relative(bGrad, plain.gradient().getGradientFor("0_b"));
        double rw = relative(rwGrad, plainRw.mul(kept).divi(1.0 - DROP));
        assertTrue(w < 1e-4 && b < 1e-4 && rw < 1e-4, cell + ": gradients differ from the thinned network's: W "
                + w + ", b " + b + ", RW (masked, scaled by 1/(1-p)) " + rw);

        INDArray again = gradient(dropped, input, labels, "0_RW").neq(0).castTo(DataType.FLOAT);
        double changed = again.sub(kept).amaxNumber().doubleValue();
        assertEquals(1.0, changed, 0.0, cell + ": the next minibatch must draw a new set of dropped weights");
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void savesAndLoadsWithTheSetting(Cell cell) throws IOException {
        MultiLayerNetwork net = net(cell, DROP);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(new RecurrentWeightDrop(DROP), ((BaseLayer) back.getLayerWiseConfigurations().getConf(0).getLayer())
                .getWeightNoise(), cell + ": weight noise after a save and load");
        INDArray input = oneHot(2, 5, 3);
        assertEquals(net.output(input, false), back.output(input, false), cell + ": reloaded output");
    }
}
