package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * DropConnect on a recurrent layer's hidden-to-hidden weights ("weight drop", as in Merity et
 * al.'s AWD-LSTM): for each training minibatch a fresh random fraction of the entries of
 * {@code RW} is zeroed and the rest scaled by 1 / (1 - p), and the same thinned matrix is used at
 * every time step of the sequence. Dropout between layers never touches the recurrent weights,
 * which in a two-layer LSTM are most of the parameters and where a character model over-fits;
 * dropping whole activations on the recurrent path instead would erase the cell's memory.
 *
 * <p>It plugs into DL4J's weight-noise hook, which the project's recurrent layers consult for
 * every parameter ({@code getParamWithNoise}): the thinned matrix is drawn in the forward pass and
 * reused by the backward pass of the same minibatch. Evaluation, sampling and saved models use
 * the plain weights. {@link #maskGradient} makes the gradient the one of the thinned network with
 * respect to the plain weights (dropped entries get none), as automatic differentiation would.
 */
public final class RecurrentWeightDrop implements IWeightNoise {
    private static final long serialVersionUID = 1L;
    /** The key of the hidden-to-hidden weights in the LSTM, GRU and Elman layers' parameter tables. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";

    private final double dropout;

    /** @param dropout probability of dropping each recurrent weight, in [0, 1) */
    @JsonCreator
    public RecurrentWeightDrop(@JsonProperty("dropout") double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("recurrent weight dropout must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
    }

    /** The probability of dropping each recurrent weight. */
    public double getDropout() {
        return dropout;
    }

    @Override
    public INDArray getParameter(Layer layer, String paramKey, int iteration, int epoch, boolean train,
                                 LayerWorkspaceMgr workspaceMgr) {
        INDArray param = layer.getParam(paramKey);
        if (!train || dropout == 0 || !RECURRENT_WEIGHT_KEY.equals(paramKey)) {
            return param;
        }
        INDArray thinned = Nd4j.createUninitializedDetached(param.dataType(), param.shape());
        Nd4j.getExecutioner().exec(new DropOutInverted(param, thinned, 1.0 - dropout));
        return thinned;
    }

    /**
     * Turns the gradient a layer computed for the thinned recurrent weights of this minibatch into
     * the gradient for its plain weights: zero where a weight was dropped, scaled by 1 / (1 - p)
     * where it was kept. Does nothing unless the layer's weight noise is a weight drop and the
     * minibatch drew thinned weights. A kept weight that is exactly zero counts as dropped.
     *
     * @param noisyParams the layer's weight-noise parameters of the pass (before they are cleared)
     * @param gradients   the layer's gradient views, changed in place
     */
    public static void maskGradient(IWeightNoise noise, Map<String, INDArray> noisyParams,
                                    Map<String, INDArray> gradients) {
        if (!(noise instanceof RecurrentWeightDrop drop) || drop.dropout == 0) {
            return;
        }
        INDArray thinned = noisyParams.get(RECURRENT_WEIGHT_KEY);
        INDArray gradient = gradients.get(RECURRENT_WEIGHT_KEY);
        if (thinned == null || gradient == null) {
            return;
        }
        INDArray kept = thinned.neq(0).castTo(gradient.dataType()).muli(1.0 / (1.0 - drop.dropout));
        gradient.muli(kept);
    }

    @Override
    public RecurrentWeightDrop clone() {
        return new RecurrentWeightDrop(dropout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrentWeightDrop other && Double.compare(other.dropout, dropout) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(dropout);
    }

    @Override
    public String toString() {
        return "RecurrentWeightDrop(" + dropout + ")";
    }
}
