package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The running form of {@link WordDropoutVertex}: it keeps the minibatch's step mask
 * ({@code [batch, steps]}, outside every workspace, so that it outlives the forward pass) from
 * the forward pass to the backward one, where the gradient of a dropped step is zero.
 */
@SuppressWarnings("overrides") // see ParameterFreeStep
final class WordDropoutStep extends ParameterFreeStep {
    private static final long serialVersionUID = 1L;

    private final double dropout;
    private INDArray kept;

    WordDropoutStep(ComputationGraph graph, String name, int index, double dropout, DataType dataType) {
        super(graph, name, index, dataType);
        this.dropout = dropout;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("word dropout " + vertexName + ": forward pass without its input");
        }
        INDArray in = inputs[0];
        if (in.rank() != 3) {
            throw new IllegalArgumentException("word dropout " + vertexName
                    + " needs a sequence [batch, size, steps], got shape " + Arrays.toString(in.shape()));
        }
        if (!training || dropout == 0) {
            kept = null;
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, in);
        }
        kept = stepMask(in.dataType(), in.size(0), in.size(2));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), in.shape(), 'c');
        Broadcast.mul(in, kept, out, 0, 2);
        return out;
    }

    /** A fresh 0/1 mask of kept steps, outside every workspace. */
    private INDArray stepMask(DataType type, long batch, long steps) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            INDArray mask = Nd4j.createUninitialized(type, batch, steps);
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - dropout));
            return mask;
        } finally {
            outside.close();
        }
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("word dropout " + vertexName + ": backward pass without its gradient");
        }
        INDArray gradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                epsilon.shape(), 'c');
        if (kept == null) {
            gradient.assign(epsilon);
        } else {
            Broadcast.mul(epsilon, kept, gradient, 0, 2);
        }
        return new Pair<>(null, new INDArray[] {gradient});
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return maskArrays == null || maskArrays.length == 0 ? null : new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public void clearVertex() {
        super.clearVertex();
        kept = null;
    }

    @Override
    public String toString() {
        return "WordDropoutStep(" + vertexName + ", " + dropout + ")";
    }
}
