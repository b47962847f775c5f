package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Word dropout on a sequence of embeddings ({@code [batch, size, steps]}): while training, each
 * step of each sequence is zeroed whole with probability p, drawn anew for every minibatch, so a
 * decoder cannot lean on the words it has read and must take the next word from what else it
 * sees (Bowman et al. 2016; Gal and Ghahramani 2016 drop word types the same way). DL4J's own
 * dropouts zero single activations ({@code Dropout}) or whole features over all steps
 * ({@code SpatialDropout}); neither removes a word, and its {@code DropoutLayer} cannot carry a
 * sequence's mask. A vertex passes the mask on untouched. Kept steps are not rescaled: a zero
 * vector stands for "a word not read", not for a louder one. Nothing is dropped outside training.
 */
public final class WordDropoutVertex extends ParameterFreeVertex {
    private static final long serialVersionUID = 1L;

    private double dropout;

    /** For JSON. */
    public WordDropoutVertex() {
    }

    /** @param dropout probability of dropping each step, in [0, 1) */
    public WordDropoutVertex(double dropout) {
        setDropout(dropout);
    }

    /** The probability of dropping each step. */
    public double getDropout() {
        return dropout;
    }

    /** @param dropout probability of dropping each step, in [0, 1) */
    public void setDropout(double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("word dropout must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
    }

    @Override
    public WordDropoutVertex clone() {
        return new WordDropoutVertex(dropout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordDropoutVertex other && Double.compare(other.dropout, dropout) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(dropout);
    }

    @Override
    protected int inputCount() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        return new WordDropoutStep(graph, name, idx, dropout, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 1 || inputs[0].getType() != InputType.Type.RNN) {
            throw new InvalidInputTypeException("word dropout reads one sequence of embeddings, got "
                    + java.util.Arrays.toString(inputs));
        }
        return inputs[0];
    }

    @Override
    public String toString() {
        return "WordDropoutVertex(" + dropout + ")";
    }
}
