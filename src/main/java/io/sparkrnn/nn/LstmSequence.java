package io.sparkrnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One LSTM layer's pass over a minibatch of sequences, forward and backward, holding between
 * the two what the backward pass needs. Two implementations compute the same thing:
 * {@link FloatLstmSequence} for single precision (the speed path) and {@link LstmPass} for any
 * data type, in ND4J operations.
 */
interface LstmSequence {
    /** Whether the buffers are for these sizes, so the pass can be reused. */
    boolean fits(DataType type, long nIn, long n, long batch, long steps);

    /**
     * Runs the sequence.
     *
     * @param input NCW {@code [batch, nIn, T]}
     * @param h0    start state {@code [batch, n]}, or null for zeros; likewise {@code c0}
     * @param mask  {@code [batch, T]} or null
     */
    void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray h0, INDArray c0, INDArray mask);

    /** Writes the outputs of the last forward pass into {@code out}, NCW {@code [batch, n, T]}. */
    void output(INDArray out);

    /** The hidden state after the last step, {@code [batch, n]}, a new array. */
    INDArray lastH();

    /** The cell state after the last step, {@code [batch, n]}, a new array. */
    INDArray lastC();

    /**
     * Backpropagates through the last forward pass: parameter gradients into {@code dw},
     * {@code drw} and {@code db}, the gradient with respect to the input into {@code epsOut}
     * (NCW {@code [batch, nIn, T]}).
     *
     * @param eps        gradient of the loss with respect to the outputs, NCW {@code [batch, n, T]}
     * @param backLength steps to go back from the end (truncated BPTT), or -1 for all
     */
    void backward(INDArray eps, INDArray w, INDArray rw, INDArray dw, INDArray drw, INDArray db, int backLength,
                  INDArray epsOut);
}
