package io.sparkrnn.classify;

import java.io.Serializable;

/**
 * The model's answer for one test sequence: the true and the predicted class (output unit
 * numbers of the {@link ClassIndex}), the probability of each class, and the sequence length,
 * so errors can be looked up by id and by length.
 */
public record Prediction(String id, int actual, int predicted, float[] probabilities, int length)
        implements Serializable {

    public boolean correct() {
        return actual == predicted;
    }

    /** Cross-entropy of this answer, -ln p(true class), in nats. */
    public double nats() {
        return -Math.log(Math.max(probabilities[actual], 1e-30));
    }
}
