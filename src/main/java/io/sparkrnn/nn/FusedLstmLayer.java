package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The computation of a {@link FusedLstm} layer: DL4J's LSTM cell (same equations and
 * parameters) computed by {@link FloatLstmSequence} in single precision and by {@link LstmPass}
 * in any other, which keep the forward pass of a training step for the backward pass instead
 * of running it again, as DL4J's LSTM does. The state between {@code rnnTimeStep} calls and
 * between truncated-BPTT segments is stored under DL4J's LSTM keys and shapes
 * ({@code prevAct}, {@code prevMem}, {@code [batch, n]}), by {@link RecurrentSequenceLayer}.
 */
public class FusedLstmLayer extends RecurrentSequenceLayer<FusedLstm> {
    private static final long serialVersionUID = 1L;

    public FusedLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType, "LSTM", STATE_H, STATE_C);
    }

    @Override
    RecurrentSequence floatSequence(long nIn, long n, long batch, long steps) {
        return new FloatLstmSequence(nIn, n, batch, steps);
    }

    @Override
    RecurrentSequence anySequence(DataType type, long nIn, long n, long batch, long steps) {
        return new LstmPass(type, nIn, n, batch, steps);
    }
}
