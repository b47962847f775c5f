package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Collection;

/**
 * A pretrained layer kept as it is while the rest of a graph trains: it runs as at inference
 * (batch normalisation on its running statistics, no dropout), computes no gradient, and hands
 * its inputs a zero gradient without running its own backward pass. For the layers of a frozen
 * image encoder, whose inputs are the images themselves.
 *
 * <p>DL4J's two frozen wrappers do not serve there (1.0.0-M2). Its {@code FrozenLayer} hands
 * its inputs no gradient at all, on which the vertex before it failed here; and by its code a
 * graph's backward pass skips every vertex that comes after the first {@code FrozenLayer} in
 * DL4J's backward order, those of another input (a captioner's word embedding) included. Its
 * {@code FrozenLayerWithBackprop} runs the wrapped layer's backward pass after an inference
 * forward pass, which batch normalisation cannot do (it failed on arrays of an earlier
 * iteration), and it would spend a backward pass through the encoder on gradients nobody uses.
 * The wrapped layer's own updater and regularisation still apply to its (zero) gradient: give it
 * a no-op updater and no regularisation, as {@code KerasEncoder} does.
 */
public final class FrozenPretrained extends FrozenLayerWithBackprop {
    private static final long serialVersionUID = 1L;

    public FrozenPretrained(@JsonProperty("layer") org.deeplearning4j.nn.conf.layers.Layer layer) {
        super(layer);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        Layer wrapped = super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                networkDataType);
        return new Instance(((org.deeplearning4j.nn.layers.FrozenLayerWithBackprop) wrapped).getInsideLayer());
    }

    @Override
    public FrozenPretrained clone() {
        return (FrozenPretrained) super.clone();
    }

    /** The running layer: the wrapped one's forward pass at inference, a zero gradient backward. */
    static final class Instance extends org.deeplearning4j.nn.layers.FrozenLayerWithBackprop {
        private static final long serialVersionUID = 1L;

        Instance(Layer inside) {
            super(inside);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            INDArray in = input();
            INDArray zero = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), in.ordering());
            return new Pair<>(new DefaultGradient(), zero);
        }
    }
}
