package io.sparkrnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One recurrent layer's pass over a minibatch of sequences, forward and backward, holding
 * between the two what the backward pass needs, so that {@link RecurrentSequenceLayer} can run
 * every cell (LSTM, GRU, Elman) the same way. Each cell has a single-precision implementation
 * over Java arrays (the speed path: {@link FloatLstmSequence}, {@link FloatGruSequence},
 * {@link FloatRnnSequence}) and, for the gated cells, one for any data type in ND4J operations
 * ({@link LstmPass}, {@link GruPass}), which the gradient checks run in double precision.
 *
 * <p>A cell's state is one array per state key of its layer, in the layer's order: the hidden
 * state for GRU and Elman, the hidden and the cell state for the LSTM.
 */
interface RecurrentSequence {
    /** Whether the buffers are for these sizes and this data type, so the pass can be reused. */
    boolean fits(DataType type, long nIn, long n, long batch, long steps);

    /**
     * Runs the sequence.
     *
     * @param input NCW {@code [batch, nIn, T]}
     * @param start the start state, {@code [batch, n]} per state key, each null for zeros
     * @param mask  {@code [batch, T]} or null; a masked step outputs zeros and passes nothing back
     */
    void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray[] start, INDArray mask);

    /** Writes the outputs of the last forward pass into {@code out}, NCW {@code [batch, n, T]}. */
    void output(INDArray out);

    /** The state after the last step, {@code [batch, n]} per state key, new arrays. */
    INDArray[] last();

    /**
     * Backpropagates through the last forward pass: parameter gradients into {@code dw},
     * {@code drw} and {@code db}, the gradient with respect to the input into {@code epsOut}
     * (NCW {@code [batch, nIn, T]}, every element written).
     *
     * @param eps        gradient of the loss with respect to the outputs, NCW {@code [batch, n, T]}
     * @param backLength steps to go back from the end (truncated BPTT), or -1 for all
     */
    void backward(INDArray eps, INDArray w, INDArray rw, INDArray dw, INDArray drw, INDArray db, int backLength,
                  INDArray epsOut);
}
