package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of the project's fast LSTM layer: the same cell, parameters and initialisation
 * as DL4J's {@code LSTM} (no peepholes, sigmoid gates, tanh cell; {@code W [nIn, 4n]},
 * {@code RW [n, 4n]}, {@code b [1, 4n]} in DL4J's block order), computed by
 * {@link FusedLstmLayer}, which does the per-sequence work in a few large matrix products
 * instead of many small per-step ones. Because the parameters are laid out as DL4J's, a network
 * can be trained with either layer and its parameters copied to the other.
 */
public class FusedLstm extends AbstractLSTM {
    private static final long serialVersionUID = 1L;

    protected FusedLstm(Builder builder) {
        super(builder);
    }

    /** For DL4J's JSON deserialisation. */
    protected FusedLstm() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        if (!(getActivationFn() instanceof ActivationTanH) || !(getGateActivationFn() instanceof ActivationSigmoid)) {
            throw new IllegalStateException("FusedLstm computes tanh cells with sigmoid gates; layer " + layerIndex
                    + " asks for " + getActivationFn() + " and gates " + getGateActivationFn()
                    + " (use DL4J's LSTM for other activations)");
        }
        return RecurrentSequenceLayer.wire(new FusedLstmLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return FusedLstmParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null;
    }

    @Override
    public FusedLstm clone() {
        return (FusedLstm) super.clone();
    }

    /** Builds a {@link FusedLstm}; tanh activation by default, everything else as DL4J's LSTM builder. */
    public static class Builder extends AbstractLSTM.Builder<Builder> {
        public Builder() {
            activation(new ActivationTanH());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) new FusedLstm(this);
        }
    }
}
