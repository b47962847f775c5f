package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The running form of {@link SequenceAttentionVertex}. With queries Q {@code [n, d, t]}, memory
 * M {@code [n, d, s]} and c = 1/sqrt(d): scores S = c Q'M {@code [n, t, s]}, minus a large number
 * where the memory is masked; weights A = softmax of S over s; output R = M A'. Backwards, from
 * dR: dM = dR A + c Q dS, dQ = c M dS' with dS = A (dA - sum over s of A dA) and dA = dR'M. The
 * weights are recomputed in the backward pass rather than kept, so nothing outlives the
 * workspace it was made in.
 */
@SuppressWarnings("overrides") // see ParameterFreeStep
final class SequenceAttentionStep extends ParameterFreeStep {
    private static final long serialVersionUID = 1L;
    /** Subtracted from the score of a masked memory step: its weight is exactly zero in float. */
    private static final double MASKED = 1e4;

    private final int maskIndex;

    SequenceAttentionStep(ComputationGraph graph, String name, int index, int maskIndex, DataType dataType) {
        super(graph, name, index, dataType);
        this.maskIndex = maskIndex;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("attention " + vertexName + ": forward pass without its inputs");
        }
        INDArray queries = inputs[0];
        INDArray memory = inputs[1];
        INDArray weights = weights(queries, memory);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, memory.dataType(),
                new long[]{memory.size(0), memory.size(1), queries.size(2)}, 'c');
        return Nd4j.matmul(memory, weights, out, false, true, false);
    }

    /** A = softmax over the memory steps of the scaled, masked scores, {@code [n, t, s]}. */
    private INDArray weights(INDArray queries, INDArray memory) {
        if (queries.rank() != 3 || memory.rank() != 3 || queries.size(0) != memory.size(0)
                || queries.size(1) != memory.size(1)) {
            throw new IllegalArgumentException("attention " + vertexName + " needs queries [batch, size, steps] "
                    + "and memory [batch, size, source steps] of the same batch and size, got "
                    + Arrays.toString(queries.shape()) + " and " + Arrays.toString(memory.shape()));
        }
        INDArray scores = Nd4j.matmul(queries, memory, true, false, false).muli(1.0 / Math.sqrt(queries.size(1)));
        INDArray mask = mask(memory);
        if (mask != null) {
            INDArray bias = mask.castTo(scores.dataType()).sub(1.0).muli(MASKED);
            Broadcast.add(scores, bias, scores, 0, 2);
        }
        return Nd4j.exec(new SoftMax(scores, scores, 2))[0];
    }

    private INDArray mask(INDArray memory) {
        INDArray[] masks = graph.getInputMaskArrays();
        INDArray mask = masks == null ? null : masks[maskIndex];
        if (mask != null && (mask.rank() != 2 || mask.size(0) != memory.size(0) || mask.size(1) != memory.size(2))) {
            throw new IllegalArgumentException("attention " + vertexName + ": the mask " + Arrays.toString(
                    mask.shape()) + " does not fit the memory " + Arrays.toString(memory.shape()));
        }
        return mask;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("attention " + vertexName + ": backward pass without its gradient");
        }
        INDArray queries = inputs[0];
        INDArray memory = inputs[1];
        double scale = 1.0 / Math.sqrt(queries.size(1));
        INDArray weights = weights(queries, memory);
        INDArray dMemory = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, memory.dataType(),
                memory.shape(), 'c');
        Nd4j.matmul(epsilon, weights, dMemory, false, false, false);
        INDArray dWeights = Nd4j.matmul(epsilon, memory, true, false, false);
        INDArray rowSums = weights.mul(dWeights).sum(2);
        Broadcast.sub(dWeights, rowSums, dWeights, 0, 1);
        INDArray dScores = dWeights.muli(weights).muli(scale);
        dMemory.addi(Nd4j.matmul(queries, dScores));
        INDArray dQueries = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, queries.dataType(),
                queries.shape(), 'c');
        Nd4j.matmul(memory, dScores, dQueries, false, true, false);
        return new Pair<>(null, new INDArray[]{dQueries, dMemory});
    }

    /** The output has the queries' steps: their mask goes on. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return maskArrays == null || maskArrays.length == 0 ? null : new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "SequenceAttentionStep(" + vertexName + ")";
    }
}
