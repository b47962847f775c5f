package io.sparkrnn.classify;

import java.io.Serializable;

/**
 * One sequence to classify, assembled from its rows: {@code steps[t][c]} is feature c at step t,
 * in step order. A sequence that cannot be used keeps its id and says why in {@code problem};
 * it is counted and listed, never silently left out.
 *
 * @param originalLength steps before {@code data.max-length} cut the sequence (equal to
 *                       {@code steps.length} when it did not)
 */
public record LabelledSequence(String id, String label, float[][] steps, int originalLength, String problem)
        implements Serializable {

    public static LabelledSequence refused(String id, String label, int rows, String problem) {
        return new LabelledSequence(id, label, new float[0][], rows, problem);
    }

    public boolean usable() {
        return problem == null;
    }

    public int length() {
        return steps.length;
    }

    public boolean truncated() {
        return usable() && originalLength > steps.length;
    }

    /** The same sequence refused for the given reason (a label the training data does not have). */
    public LabelledSequence refuse(String why) {
        return refused(id, label, originalLength, why);
    }
}
