package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oneDNN helpers of DL4J's convolution, batch normalisation and pooling layers are kept
 * (thanks to the shim org.nd4j.nativeblas.Nd4jCpu and the helper flag the build and the launch
 * scripts set) and compute what DL4J's built-in layers compute: the same outputs and gradients.
 */
class NativeHelpersTest {
    private static final String FLAG = "org.eclipse.deeplearning4j.helpers.disable";
    private final String flagBefore = System.getProperty(FLAG);

    @AfterEach
    void restoreFlag() {
        if (flagBefore == null) {
            System.clearProperty(FLAG);
        } else {
            System.setProperty(FLAG, flagBefore);
        }
    }

    private static MultiLayerNetwork network(boolean helpers) {
        System.setProperty(FLAG, String.valueOf(!helpers));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static List<String> helpers(MultiLayerNetwork net) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LayerHelper h = net.getLayer(i).getHelper();
            out.add(h == null ? "none" : h.getClass().getSimpleName());
        }
        return out;
    }

    @Test
    void oneDnnHelpersAreKeptAndAgreeWithTheBuiltInLayers() {
        MultiLayerNetwork fast = network(true);
        MultiLayerNetwork plain = network(false);
        assertEquals(List.of("MKLDNNConvHelper", "MKLDNNBatchNormHelper", "MKLDNNSubsamplingHelper"), helpers(fast),
                "helpers with the flag set (ND4J built with oneDNN: " + org.nd4j.nativeblas.Nd4jCpu.Environment
                        .getInstance().isUseMKLDNN() + ")");
        assertEquals(List.of("none", "none", "none"), helpers(plain), "no helpers with DL4J's default");
        plain.setParams(fast.params().dup());

        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, 12, 12).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1);
        }
        DataSet data = new DataSet(x, y);
        INDArray a = fast.output(x, false);
        INDArray b = plain.output(x, false);
        double outputGap = a.sub(b).amaxNumber().doubleValue();
        assertTrue(outputGap < 1e-5, "largest output difference " + outputGap);

        fast.setInput(x);
        fast.setLabels(y);
        plain.setInput(x);
        plain.setLabels(y);
        fast.computeGradientAndScore();
        plain.computeGradientAndScore();
        INDArray ga = fast.gradient().gradient();
        INDArray gb = plain.gradient().gradient();
        double gap = ga.sub(gb).amaxNumber().doubleValue();
        double scale = gb.amaxNumber().doubleValue();
        assertTrue(scale > 0, "the gradient is not zero: " + scale);
        assertTrue(gap < 1e-4 * Math.max(1, scale), "largest gradient difference " + gap + " (largest entry " + scale
                + ")");
        assertEquals(plain.score(data), fast.score(data), 1e-5, "training-mode loss");
    }
}
