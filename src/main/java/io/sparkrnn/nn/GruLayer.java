package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The computation of a {@link Gru} layer: in single precision by {@link FloatGruSequence} (the
 * speed path), otherwise step by step in ND4J by {@link GruPass}, with everything else a
 * recurrent layer does (truncated BPTT, masks, the state kept between {@code rnnTimeStep} calls
 * for generation) from {@link RecurrentSequenceLayer}. Gates are fixed to sigmoid, the
 * candidate to tanh, as the GRU defines them.
 */
public class GruLayer extends RecurrentSequenceLayer<Gru> {
    private static final long serialVersionUID = 1L;

    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType, "GRU", STATE_H);
    }

    @Override
    RecurrentSequence floatSequence(long nIn, long n, long batch, long steps) {
        return new FloatGruSequence(nIn, n, batch, steps);
    }

    @Override
    RecurrentSequence anySequence(DataType type, long nIn, long n, long batch, long steps) {
        return new GruPass(type, nIn, n, batch, steps);
    }
}
