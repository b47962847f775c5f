package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The single-precision Elman layer of a {@link FusedSimpleRnn}, computed by
 * {@link FloatRnnSequence}, with the state under DL4J's key and shape ({@code prevAct},
 * {@code [batch, n]}) and truncated BPTT from {@link RecurrentSequenceLayer}. There is no
 * pass for other precisions here: {@link FusedSimpleRnn} instantiates DL4J's own SimpleRnn
 * layer for them, which is the reference this layer is tested against.
 */
public class FusedSimpleRnnLayer extends RecurrentSequenceLayer<FusedSimpleRnn> {
    private static final long serialVersionUID = 1L;

    public FusedSimpleRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType, "RNN", STATE_H);
    }

    @Override
    RecurrentSequence floatSequence(long nIn, long n, long batch, long steps) {
        return new FloatRnnSequence(nIn, n, batch, steps);
    }

    @Override
    RecurrentSequence anySequence(DataType type, long nIn, long n, long batch, long steps) {
        throw new IllegalStateException("the fused Elman layer computes single precision only; FusedSimpleRnn"
                + " instantiates DL4J's SimpleRnn layer for " + type);
    }
}
