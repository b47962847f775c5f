package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of a gated recurrent unit layer (Cho et al. 2014), which DL4J 1.0.0-M2 does not
 * have: an update gate z and a reset gate r decide how much of the previous state is kept and
 * how much of it shapes the candidate state,
 * <pre>
 *   z = sigmoid(x W_z + h U_z + b_z)      r = sigmoid(x W_r + h U_r + b_r)
 *   c = tanh(x W_c + (r * h) U_c + b_c)   h' = (1 - z) * h + z * c
 * </pre>
 * so that, like the LSTM's cell state, the state can carry information (and gradients) across
 * many steps while z stays near 0. Usable in {@code MultiLayerNetwork} and
 * {@code ComputationGraph}, saved in {@code model.zip} like any DL4J layer.
 */
public class Gru extends BaseRecurrentLayer {
    private static final long serialVersionUID = 1L;

    protected Gru(Builder builder) {
        super(builder);
    }

    /** For DL4J's JSON deserialisation. */
    protected Gru() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Gru", getLayerName(), layerIndex, getNIn(), getNOut());
        return RecurrentSequenceLayer.wire(new GruLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null;
    }

    @Override
    public Gru clone() {
        return (Gru) super.clone();
    }

    /** Builds a {@link Gru}; nIn, nOut, weight initialisation and dropout as for DL4J's recurrent layers. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) new Gru(this);
        }
    }
}
