package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link Gru} layer: three column blocks in {@code W}, {@code RW} and
 * {@code b}, for the update gate z, the reset gate r and the candidate state, in that order.
 * The weights are initialised with the fans of their own matrix ({@code nIn -> n} and
 * {@code n -> n}) and the biases with the layer's bias init.
 */
public final class GruParamInitializer extends GatedParamInitializer {
    static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
        super(3);
    }

    @Override
    Fan fan(long nIn, long n, boolean recurrent) {
        return recurrent ? new Fan(n, n) : new Fan(nIn, n);
    }

    @Override
    void initBias(BaseRecurrentLayer layer, INDArray bias, long n) {
        bias.assign(((Gru) layer).getBiasInit());
    }
}
