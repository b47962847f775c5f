package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The parameters of a {@link FusedLstm} exactly as DL4J's {@code LSTMParamInitializer} lays out
 * and initialises an {@code LSTM}'s (same keys, shapes, order, fan-in/fan-out and forget-gate
 * bias), which DL4J's own initializer cannot do for another configuration class because it
 * casts to {@code LSTM}. Column blocks of {@code W}, {@code RW} and {@code b}: the cell input
 * (tanh), the forget gate, the output gate and the input gate.
 */
public final class FusedLstmParamInitializer extends GatedParamInitializer {
    static final FusedLstmParamInitializer INSTANCE = new FusedLstmParamInitializer();

    private FusedLstmParamInitializer() {
        super(4);
    }

    /** DL4J's LSTM gives both weight matrices fan-in n and fan-out nIn + n; kept so both layers start alike. */
    @Override
    Fan fan(long nIn, long n, boolean recurrent) {
        return new Fan(n, nIn + n);
    }

    @Override
    void initBias(BaseRecurrentLayer layer, INDArray bias, long n) {
        bias.assign(0);
        bias.get(interval(0, 0, true), interval(n, 2 * n)).assign(((FusedLstm) layer).getForgetGateBiasInit());
    }
}
