package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Objects;

/**
 * Attention of every step of one sequence (the queries, a decoder's outputs, {@code [batch,
 * size, steps]}) over the steps of another (the memory, an encoder's outputs, {@code [batch,
 * size, source steps]}): each query step reads the memory's steps weighted by the softmax of
 * their scaled dot products with it (Luong et al. 2015, Vaswani et al. 2017), {@code [batch,
 * size, steps]}. An encoder-decoder that passes only the encoder's last output makes the whole
 * input squeeze through one vector, and its errors grow with the input's length; with attention
 * the decoder reads, at each step, the input positions that step needs (Bahdanau et al. 2015).
 *
 * <p>Memory steps past the end of each source are never read: their weights are zero, taken
 * from the mask of the graph input {@code maskInput} (as DL4J's {@code LastTimeStepVertex}
 * takes its mask), so a source's reads do not depend on how much its batch padded it. Without a
 * mask (step-by-step decoding of one unpadded source) every memory step is read.
 *
 * <p>No parameters: the projection that makes queries comparable with the memory is a layer
 * before the vertex, so the vertex needs no initialiser or updater of its own; its gradients
 * are computed by hand in {@link SequenceAttentionStep}.
 */
public final class SequenceAttentionVertex extends ParameterFreeVertex {
    private static final long serialVersionUID = 1L;

    private String maskInput;

    /** For JSON. */
    public SequenceAttentionVertex() {
    }

    /** @param maskInput the graph input whose mask says which memory steps are real */
    public SequenceAttentionVertex(String maskInput) {
        this.maskInput = Objects.requireNonNull(maskInput, "maskInput");
    }

    /** The graph input whose mask says which memory steps are real. */
    public String getMaskInput() {
        return maskInput;
    }

    public void setMaskInput(String maskInput) {
        this.maskInput = maskInput;
    }

    @Override
    public SequenceAttentionVertex clone() {
        return new SequenceAttentionVertex(maskInput);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceAttentionVertex other && Objects.equals(other.maskInput, maskInput);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(maskInput);
    }

    @Override
    protected int inputCount() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        int maskIndex = graph.getConfiguration().getNetworkInputs().indexOf(maskInput);
        if (maskIndex < 0) {
            throw new IllegalArgumentException("attention '" + name + "' takes its mask from the graph input '"
                    + maskInput + "', which the graph does not have; its inputs are "
                    + graph.getConfiguration().getNetworkInputs());
        }
        return new SequenceAttentionStep(graph, name, idx, maskIndex, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || !(inputs[0] instanceof InputType.InputTypeRecurrent q)
                || !(inputs[1] instanceof InputType.InputTypeRecurrent m) || q.getSize() != m.getSize()) {
            throw new InvalidInputTypeException("attention reads two sequences of the same size (queries, "
                    + "memory), got " + Arrays.toString(inputs));
        }
        return InputType.recurrent(m.getSize(), q.getTimeSeriesLength());
    }

    @Override
    public String toString() {
        return "SequenceAttentionVertex(mask of " + maskInput + ")";
    }
}
