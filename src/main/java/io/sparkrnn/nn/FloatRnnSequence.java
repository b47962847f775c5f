package io.sparkrnn.nn;

import static io.sparkrnn.nn.FloatArrays.detached;
import static io.sparkrnn.nn.FloatArrays.memory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The single-precision pass of the Elman layer {@link FusedSimpleRnn},
 * {@code h_t = tanh(x_t W + h_{t-1} RW + b)}, built as {@link FloatLstmSequence} is: one
 * product for the input projection of all steps, one per weight gradient and for the input
 * gradient, one recurrent product per step each way, and each step's element-wise work in
 * one vectorised pass over Java arrays. A masked step outputs zeros and passes nothing back.
 */
final class FloatRnnSequence implements RecurrentSequence {
    private final int nIn;
    private final int n;
    private final int batch;
    private final int steps;
    private final int stepSize;

    private final INDArray xcat;
    private final INDArray zcat;
    private final INDArray hPrev;
    private final INDArray rec;
    private final INDArray dNext;
    private final INDArray dhRec;
    private final INDArray dcatN;
    private final INDArray hcatN;
    private final INDArray dxN;
    private final INDArray ones;

    private final float[] zin;
    private final float[][] h;
    private final float[] pre;
    private float[] biasRow;
    private final float[] dcat;
    private final float[] eps;
    private final float[] dh;
    private final float[] dhIn;
    private float[][] mask;

    FloatRnnSequence(long nIn, long n, long batch, long steps) {
        this.nIn = Math.toIntExact(nIn);
        this.n = Math.toIntExact(n);
        this.batch = Math.toIntExact(batch);
        this.steps = Math.toIntExact(steps);
        this.stepSize = this.n * this.batch;
        long rows = steps * batch;
        xcat = detached(rows, nIn);
        zcat = detached(rows, n);
        hPrev = detached(batch, n);
        rec = detached(batch, n);
        dNext = detached(batch, n);
        dhRec = detached(batch, n);
        dcatN = detached(rows, n);
        hcatN = detached(rows, n);
        dxN = detached(rows, nIn);
        ones = detached(1, rows).assign(1);
        zin = new float[Math.toIntExact(rows * n)];
        h = new float[this.steps + 1][stepSize];
        pre = new float[stepSize];
        dcat = new float[zin.length];
        eps = new float[zin.length];
        dh = new float[stepSize];
        dhIn = new float[stepSize];
    }

    @Override
    public boolean fits(DataType type, long nIn, long n, long batch, long steps) {
        return type == DataType.FLOAT && this.nIn == nIn && this.n == n && this.batch == batch && this.steps == steps;
    }



    @Override
    public void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray[] start, INDArray m) {
        INDArray h0 = start[0];
        FloatArrays.project(input, w, xcat, zcat, zin);
        biasRow = FloatArrays.biasBlocks(b, 1, batch, n)[0];
        FloatArrays.state(h[0], h0);
        mask = FloatArrays.maskBlocks(m, steps, batch, n);
        for (int t = 0; t < steps; t++) {
            if (t > 0 || h0 != null) {
                memory(hPrev).put(h[t]);
                Nd4j.gemm(hPrev, rw, rec, false, false, 1.0, 0.0);
                memory(rec).get(pre);
            } else {
                Arrays.fill(pre, 0f);
            }
            System.arraycopy(zin, t * stepSize, dhIn, 0, stepSize);
            activate(h[t + 1], pre, dhIn, biasRow, mask == null ? null : mask[t]);
        }
    }

    /** h = tanh(a + b + bias) * keep. */
    private static void activate(float[] out, float[] a, float[] b, float[] bias, float[] keep) {
        for (int i = 0; i < out.length; i++) {
            out[i] = FloatLstmSequence.tanh(a[i] + b[i] + bias[i]);
        }
        if (keep != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= keep[i];
            }
        }
    }

    @Override
    public void output(INDArray out) {
        FloatArrays.outputs(h, out, steps, batch, n);
    }

    @Override
    public INDArray[] last() {
        return new INDArray[]{FloatArrays.state(h[steps], batch, n)};
    }

    @Override
    public void backward(INDArray epsilon, INDArray w, INDArray rw, INDArray dw, INDArray drw, INDArray db,
                         int backLength, INDArray epsOut) {
        FloatArrays.gradientRows(epsilon, eps);
        int end = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        if (end > 0) {
            Arrays.fill(dcat, 0, end * stepSize, 0f);
        }
        for (int t = steps - 1; t >= end; t--) {
            System.arraycopy(eps, t * stepSize, dh, 0, stepSize);
            if (t < steps - 1) {
                memory(dNext).put(dcat, (t + 1) * stepSize, stepSize);
                Nd4j.gemm(dNext, rw, dhRec, false, true, 1.0, 0.0);
                memory(dhRec).get(dhIn);
                for (int i = 0; i < stepSize; i++) {
                    dh[i] += dhIn[i];
                }
            }
            delta(dh, h[t + 1], mask == null ? null : mask[t]);
            System.arraycopy(dh, 0, dcat, t * stepSize, stepSize);
        }
        memory(dcatN).put(dcat);
        FloatArrays.previousStates(h, hcatN, steps);
        Nd4j.gemm(xcat, dcatN, dw, true, false, 1.0, 0.0);
        Nd4j.gemm(hcatN, dcatN, drw, true, false, 1.0, 0.0);
        Nd4j.gemm(ones, dcatN, db, false, false, 1.0, 0.0);
        Nd4j.gemm(dcatN, w, dxN, false, true, 1.0, 0.0);
        FloatArrays.inputGradient(dxN, epsOut, steps, batch, nIn);
    }

    /** d = dh (1 - h^2) * keep, in place (h is the step's output; a masked step's is 0 and so is its delta). */
    private static void delta(float[] d, float[] h, float[] keep) {
        for (int i = 0; i < d.length; i++) {
            d[i] *= 1 - h[i] * h[i];
        }
        if (keep != null) {
            for (int i = 0; i < d.length; i++) {
                d[i] *= keep[i];
            }
        }
    }
}
