package io.sparkrnn.caption;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation folded into the convolution before it, for a frozen encoder: at inference
 * batch normalisation is a fixed scale and shift per channel, {@code y = (x - mean) * s + beta}
 * with {@code s = gamma / sqrt(var + eps)}, so a linear convolution followed by it is the same
 * convolution with its kernel scaled by {@code s} per output channel and the bias
 * {@code (b - mean) * s + beta}. In DL4J 1.0.0-M2 batch normalisation on images is four
 * broadcast operations and cost more than the convolutions themselves (MobileNetV2 has 52);
 * folded, a frozen MobileNetV2 runs several times faster and computes the same, up to rounding.
 *
 * <p>A pair is folded when the convolution (a plain or depthwise one with multiplier 1, linear
 * activation) feeds only the normalisation and the normalisation learns its scale and shift.
 */
final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** The foldable pairs among {@code kept}: normalisation vertex to the convolution it folds into. */
    static Map<String, String> pairs(ComputationGraphConfiguration conf, List<String> kept) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String v : kept) {
            List<String> inputs = conf.getVertexInputs().get(v);
            if (layer(conf, v) instanceof BatchNormalization bn && !bn.isLockGammaBeta() && inputs.size() == 1
                    && ((LayerVertex) conf.getVertices().get(v)).getPreProcessor() == null
                    && foldable(layer(conf, inputs.get(0))) && readers(conf, inputs.get(0)) == 1) {
                pairs.put(v, inputs.get(0));
            }
        }
        return pairs;
    }

    private static Layer layer(ComputationGraphConfiguration conf, String vertex) {
        GraphVertex v = conf.getVertices().get(vertex);
        return v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }

    private static boolean foldable(Layer layer) {
        if (layer == null || !(layer.getClass() == ConvolutionLayer.class || layer.getClass() == DepthwiseConvolution2D.class)) {
            return false;
        }
        if (layer instanceof DepthwiseConvolution2D d && d.getDepthMultiplier() != 1) {
            return false;
        }
        return ((ConvolutionLayer) layer).getActivationFn() instanceof ActivationIdentity;
    }

    private static long readers(ComputationGraphConfiguration conf, String vertex) {
        return conf.getVertexInputs().values().stream().filter(inputs -> inputs.contains(vertex)).count()
                + (conf.getNetworkOutputs().contains(vertex) ? 1 : 0);
    }

    /** The convolution's configuration with a bias, to take the folded parameters. */
    static Layer withBias(Layer convolution) {
        ConvolutionLayer c = (ConvolutionLayer) convolution.clone();
        c.setHasBias(true);
        return c;
    }

    /** Sets {@code target}'s folded convolution to the imported convolution and normalisation. */
    static void copyFolded(ComputationGraph imported, String conv, String norm,
                           org.deeplearning4j.nn.api.Layer target) {
        org.deeplearning4j.nn.api.Layer c = imported.getLayer(conv);
        org.deeplearning4j.nn.api.Layer n = imported.getLayer(norm);
        BatchNormalization bn = (BatchNormalization) n.conf().getLayer();
        INDArray var = n.getParam(bn.isUseLogStd() ? "log10stdev" : "var").dup();
        if (bn.isUseLogStd()) {
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(var.shape(), 10.0, var.dataType()), var, false);
            var = std.mul(std);
        }
        float[] scale = n.getParam("gamma").dup().reshape(-1)
                .divi(Transforms.sqrt(var.dup().reshape(-1).addi(bn.getEps()), false)).toFloatVector();
        float[] mean = n.getParam("mean").dup().reshape(-1).toFloatVector();
        float[] beta = n.getParam("beta").dup().reshape(-1).toFloatVector();
        boolean depthwise = c.conf().getLayer() instanceof DepthwiseConvolution2D;
        INDArray w = c.getParam("W");
        float[] kernel = w.dup('c').reshape(-1).toFloatVector();
        long perChannel = kernel.length / scale.length;
        for (int i = 0; i < kernel.length; i++) {
            // Plain kernels are [out, in, rows, columns]; depthwise ones [rows, columns, channels, 1].
            kernel[i] *= scale[depthwise ? i % scale.length : (int) (i / perChannel)];
        }
        float[] bias = new float[scale.length];
        INDArray b = ((ConvolutionLayer) c.conf().getLayer()).hasBias() ? c.getParam("b") : null;
        float[] old = b == null ? new float[scale.length] : b.dup().reshape(-1).toFloatVector();
        for (int o = 0; o < bias.length; o++) {
            bias[o] = (old[o] - mean[o]) * scale[o] + beta[o];
        }
        target.setParam("W", Nd4j.create(kernel, w.shape(), 'c'));
        target.setParam("b", Nd4j.create(bias, target.getParam("b").shape(), 'c'));
    }
}
