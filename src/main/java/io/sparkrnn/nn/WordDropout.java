package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Word dropout on a sequence of embeddings ({@code [batch, size, steps]}): while training, each
 * step of each sequence is zeroed whole with probability p, drawn anew at every minibatch, so a
 * decoder cannot lean on the words it has read and must take the next word from what else it
 * sees (Bowman et al. 2016; Gal and Ghahramani 2016 drop word types the same way). DL4J's own
 * dropouts zero single activations ({@code Dropout}) or whole features over all steps
 * ({@code SpatialDropout}); neither removes a word. Kept steps are not rescaled: a zero vector
 * stands for "a word not read", not for a louder one. Nothing is dropped outside training.
 */
public final class WordDropout implements IDropout {
    private static final long serialVersionUID = 1L;

    private final double dropout;
    private transient INDArray mask;

    /** @param dropout probability of dropping each step, in [0, 1) */
    @JsonCreator
    public WordDropout(@JsonProperty("dropout") double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("word dropout must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
    }

    /** The probability of dropping each step. */
    public double getDropout() {
        return dropout;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("word dropout needs a sequence [batch, size, steps], got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), input.size(0), input.size(2));
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - dropout));
        Broadcast.mul(input, mask, output, 0, 2);
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("word dropout: backprop without a forward pass in training");
        }
        Broadcast.mul(gradAtOutput, mask, gradAtInput, 0, 2);
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public WordDropout clone() {
        return new WordDropout(dropout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordDropout other && Double.compare(other.dropout, dropout) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(dropout);
    }

    @Override
    public String toString() {
        return "WordDropout(" + dropout + ")";
    }
}
