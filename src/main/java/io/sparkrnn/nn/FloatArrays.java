package io.sparkrnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * What the single-precision sequence passes share: moving blocks between ND4J's native memory
 * and Java arrays (bulk copies, which cost about as much as a memcpy, unlike element-wise
 * access), and the step layouts they exchange with DL4J.
 */
final class FloatArrays {
    private FloatArrays() {
    }

    /** A new single-precision c-order array outside DL4J's workspaces, for buffers reused across minibatches. */
    static INDArray detached(long... shape) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            return Nd4j.create(DataType.FLOAT, shape);
        } finally {
            outside.close();
        }
    }

    /** A native-order view of an array's memory; the array must be one of {@link #laidOut}'s. */
    static FloatBuffer memory(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * {@code a} itself if it is single precision, starts at its buffer's start and is laid out
     * in c order with standard strides; else a copy that is.
     */
    static INDArray laidOut(INDArray a) {
        boolean standard = a.offset() == 0 && a.ordering() == 'c' && a.dataType() == DataType.FLOAT
                && Shape.hasDefaultStridesForShape(a) && !a.isView();
        return standard ? a : a.castTo(DataType.FLOAT).dup('c');
    }

    /** A state {@code [batch, n]} (null: zeros) into a step block {@code [batch][n]}. */
    static void state(float[] block, INDArray state) {
        if (state == null) {
            Arrays.fill(block, 0f);
        } else {
            memory(laidOut(state)).get(block, 0, block.length);
        }
    }

    /** A step block {@code [batch][n]} as a new array {@code [batch, n]}. */
    static INDArray state(float[] block, int batch, int n) {
        return Nd4j.create(block.clone(), new long[]{batch, n}, 'c');
    }

    /** The mask {@code [batch, T]} as per-step blocks {@code [batch][n]}, each example's value repeated; null for none. */
    static float[][] maskBlocks(INDArray mask, int steps, int batch, int n) {
        if (mask == null) {
            return null;
        }
        float[][] blocks = new float[steps][batch * n];
        FloatBuffer mem = memory(laidOut(mask.castTo(DataType.FLOAT).transpose()));
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < batch; k++) {
                Arrays.fill(blocks[t], k * n, (k + 1) * n, mem.get(t * batch + k));
            }
        }
        return blocks;
    }

    /** The row of a bias {@code [1, n]} repeated for every example: a block {@code [batch][n]} per column group. */
    static float[][] biasBlocks(INDArray bias, int groups, int batch, int n) {
        float[] b = new float[groups * n];
        memory(laidOut(bias)).get(b);
        float[][] blocks = new float[groups][batch * n];
        for (int q = 0; q < groups; q++) {
            for (int k = 0; k < batch; k++) {
                System.arraycopy(b, q * n, blocks[q], k * n, n);
            }
        }
        return blocks;
    }

    /**
     * The input projection of all steps in one product: input NCW {@code [batch, nIn, T]} into
     * {@code xcat} {@code [T * batch, nIn]} (rows by step, then example), {@code zcat = xcat w},
     * copied into {@code zin} as step blocks {@code [batch][columns of w]}.
     */
    static void project(INDArray input, INDArray w, INDArray xcat, INDArray zcat, float[] zin) {
        xcat.reshape('c', zcat.size(0) / input.size(0), input.size(0), input.size(1)).assign(input.permute(2, 0, 1));
        Nd4j.gemm(xcat, w, zcat, false, false, 1.0, 0.0);
        memory(zcat).get(zin);
    }

    /** Step blocks {@code h[1..T]} into {@code out}, NCW {@code [batch, n, T]}. */
    static void outputs(float[][] h, INDArray out, int steps, int batch, int n) {
        INDArray buffer = Nd4j.create(DataType.FLOAT, new long[]{steps, batch, n}, 'c');
        FloatBuffer mem = memory(buffer);
        for (int t = 1; t <= steps; t++) {
            mem.put(h[t]);
        }
        out.assign(buffer.permute(1, 2, 0));
    }

    /** The gradient NCW {@code [batch, n, T]} as step blocks one after another ({@code [T][batch][n]}). */
    static void gradientRows(INDArray epsilon, float[] into) {
        memory(epsilon.permute(2, 0, 1).dup('c')).get(into);
    }

    /** Step blocks {@code h[0..T-1]} (each step's previous state) into {@code rows} {@code [T * batch, n]}. */
    static void previousStates(float[][] h, INDArray rows, int steps) {
        FloatBuffer mem = memory(rows);
        for (int t = 0; t < steps; t++) {
            mem.put(h[t]);
        }
    }

    /** {@code dxRows} {@code [T * batch, nIn]} into the input gradient NCW {@code [batch, nIn, T]}. */
    static void inputGradient(INDArray dxRows, INDArray epsOut, int steps, int batch, int nIn) {
        epsOut.assign(dxRows.reshape('c', steps, batch, nIn).permute(1, 2, 0));
    }
}
