package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Reorders image activations between channels first ({@code NCHW}: {@code [batch, channels,
 * rows, columns]}, the project's image layout) and channels last ({@code NHWC}, TensorFlow's and
 * so Keras's layout), as a {@code PreprocessorVertex} in a graph. A network imported from Keras
 * keeps its channels-last layers (DL4J runs them as they are), and this vertex in front of it
 * and behind it lets the rest of the graph stay channels first. The gradient is reordered back.
 *
 * <p>DL4J's own {@code PermutePreprocessor} reorders the arrays but reports a wrong output type
 * (it swaps height and width and drops the layout), which breaks the shape inference of the
 * layers after it.
 */
public final class ChannelOrder extends BaseInputPreProcessor {
    private static final long serialVersionUID = 1L;
    private static final int[] TO_NHWC = {0, 2, 3, 1};
    private static final int[] TO_NCHW = {0, 3, 1, 2};

    @JsonProperty("from")
    private final CNN2DFormat from;
    @JsonProperty("to")
    private final CNN2DFormat to;

    public ChannelOrder(@JsonProperty("from") CNN2DFormat from, @JsonProperty("to") CNN2DFormat to) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
    }

    /** {@code [batch, channels, rows, columns]} to {@code [batch, rows, columns, channels]}. */
    public static ChannelOrder toChannelsLast() {
        return new ChannelOrder(CNN2DFormat.NCHW, CNN2DFormat.NHWC);
    }

    /** {@code [batch, rows, columns, channels]} to {@code [batch, channels, rows, columns]}. */
    public static ChannelOrder toChannelsFirst() {
        return new ChannelOrder(CNN2DFormat.NHWC, CNN2DFormat.NCHW);
    }

    private static int[] permutation(CNN2DFormat from, CNN2DFormat to) {
        if (from == to) {
            return new int[] {0, 1, 2, 3};
        }
        return to == CNN2DFormat.NHWC ? TO_NHWC : TO_NCHW;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        checkRank(input, "input");
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(permutation(from, to)), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        checkRank(output, "gradient");
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(permutation(to, from)), 'c');
    }

    private void checkRank(INDArray a, String what) {
        if (a.rank() != 4) {
            throw new IllegalStateException("ChannelOrder " + from + " to " + to + ": the " + what + " has shape "
                    + java.util.Arrays.toString(a.shape()) + "; expected 4 dimensions (images)");
        }
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new InvalidInputTypeException("ChannelOrder " + from + " to " + to + ": input " + inputType
                    + "; expected convolutional (images)");
        }
        if (c.getFormat() != from) {
            throw new InvalidInputTypeException("ChannelOrder " + from + " to " + to + ": input " + inputType
                    + " is " + c.getFormat() + ", expected " + from);
        }
        return InputType.convolutional(c.getHeight(), c.getWidth(), c.getChannels(), to);
    }

    @Override
    public ChannelOrder clone() {
        return new ChannelOrder(from, to);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelOrder other && other.from == from && other.to == to;
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to);
    }

    @Override
    public String toString() {
        return "ChannelOrder(" + from + " to " + to + ")";
    }
}
