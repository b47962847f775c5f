package io.sparkrnn.core.decode;

/**
 * A decoder that advances several hypotheses one token at a time. Batched over hypotheses and
 * stateful, because that is how a recurrent network decodes cheaply: one {@code rnnTimeStep}
 * for all beams, the hidden state kept between calls. The parents array tells the model how to
 * reorder its state rows when the search keeps some hypotheses, drops others and lets one
 * hypothesis continue in several rows.
 */
public interface StepModel {
    /** Starts decoding one input with `rows` hypotheses, all in the input's initial state. */
    void start(int rows);

    /**
     * Advances: row i continues the state of row parents[i] of the previous step and reads tokens[i];
     * returns the log-probabilities of the next token, [rows][vocabulary].
     */
    float[][] next(int[] parents, int[] tokens);
}
