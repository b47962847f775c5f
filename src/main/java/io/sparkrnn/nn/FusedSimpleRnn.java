package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The Elman RNN layer of the project: DL4J's {@code SimpleRnn} configuration, parameters and
 * initialisation, computed in single precision by {@link FusedSimpleRnnLayer} (whole-sequence
 * products, vectorised per-step work). In other precisions, with another activation than tanh
 * or with layer normalisation, DL4J's own SimpleRnn layer computes it.
 */
public class FusedSimpleRnn extends SimpleRnn {
    private static final long serialVersionUID = 1L;

    protected FusedSimpleRnn(Builder builder) {
        super(builder);
    }

    /** For DL4J's JSON deserialisation, which then sets the fields. */
    protected FusedSimpleRnn() {
        super(new SimpleRnn.Builder());
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        if (networkDataType != DataType.FLOAT || hasLayerNorm() || !(getActivationFn() instanceof ActivationTanH)) {
            return super.instantiate(conf, listeners, layerIndex, layerParamsView, initializeParams, networkDataType);
        }
        LayerValidation.assertNInNOutSet("FusedSimpleRnn", getLayerName(), layerIndex, getNIn(), getNOut());
        return RecurrentSequenceLayer.wire(new FusedSimpleRnnLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public FusedSimpleRnn clone() {
        return (FusedSimpleRnn) super.clone();
    }

    /** Builds a {@link FusedSimpleRnn}; tanh activation by default, otherwise as DL4J's SimpleRnn builder. */
    @SuppressWarnings("unchecked")
    public static class Builder extends SimpleRnn.Builder {
        public Builder() {
            activation(new ActivationTanH());
        }

        @Override
        public FusedSimpleRnn build() {
            return new FusedSimpleRnn(this);
        }
    }
}
