package io.sparkrnn.nn;

import static io.sparkrnn.nn.FloatArrays.detached;
import static io.sparkrnn.nn.FloatArrays.memory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The single-precision GRU pass of {@link GruLayer}, built as {@link FloatLstmSequence} is: the
 * input projection, weight gradients and input gradient of all steps are one product each,
 * the forward pass is kept for the backward pass, and each step's element-wise work is one
 * pass over Java arrays. A GRU step needs two recurrent products each way, because the
 * candidate's product takes {@code r * h}, known only after the reset gate.
 */
final class FloatGruSequence implements RecurrentSequence {
    private final int nIn;
    private final int n;
    private final int batch;
    private final int steps;
    private final int stepSize;

    private final INDArray xcat;
    private final INDArray zcat;
    private final INDArray hPrev;
    private final INDArray zrRec;
    private final INDArray rhN;
    private final INDArray cRec;
    private final INDArray dcN;
    private final INDArray drh;
    private final INDArray dzrN;
    private final INDArray dhRec;
    private final INDArray dcatN;
    private final INDArray hcatN;
    private final INDArray rhcatN;
    private final INDArray dxN;
    private final INDArray ones;
    private final INDArray blockGrad;

    private final float[] zin;
    private final float[][] z;
    private final float[][] r;
    private final float[][] c;
    private final float[][] rh;
    private final float[][] h;
    private final float[] rec2;
    private final float[] rec1;
    private final float[] pz;
    private final float[] pr;
    private final float[] pc;
    private float[][] biasRows;
    private final float[] dcat;
    private final float[] eps;
    private final float[] dh;
    private final float[] dz;
    private final float[] dr;
    private final float[] dc;
    private final float[] drhv;
    private final float[] dhNext;
    private final float[] dzr;
    private float[][] mask;

    FloatGruSequence(long nIn, long n, long batch, long steps) {
        this.nIn = Math.toIntExact(nIn);
        this.n = Math.toIntExact(n);
        this.batch = Math.toIntExact(batch);
        this.steps = Math.toIntExact(steps);
        this.stepSize = this.n * this.batch;
        long rows = steps * batch;
        xcat = detached(rows, nIn);
        zcat = detached(rows, 3 * n);
        hPrev = detached(batch, n);
        zrRec = detached(batch, 2 * n);
        rhN = detached(batch, n);
        cRec = detached(batch, n);
        dcN = detached(batch, n);
        drh = detached(batch, n);
        dzrN = detached(batch, 2 * n);
        dhRec = detached(batch, n);
        dcatN = detached(rows, 3 * n);
        hcatN = detached(rows, n);
        rhcatN = detached(rows, n);
        dxN = detached(rows, nIn);
        ones = detached(1, rows).assign(1);
        blockGrad = detached(n, 3 * n);
        zin = new float[Math.toIntExact(rows * 3 * n)];
        z = new float[this.steps][stepSize];
        r = new float[this.steps][stepSize];
        c = new float[this.steps][stepSize];
        rh = new float[this.steps][stepSize];
        h = new float[this.steps + 1][stepSize];
        rec2 = new float[2 * stepSize];
        rec1 = new float[stepSize];
        pz = new float[stepSize];
        pr = new float[stepSize];
        pc = new float[stepSize];
        dcat = new float[zin.length];
        eps = new float[this.steps * stepSize];
        dh = new float[stepSize];
        dz = new float[stepSize];
        dr = new float[stepSize];
        dc = new float[stepSize];
        drhv = new float[stepSize];
        dhNext = new float[stepSize];
        dzr = new float[2 * stepSize];
    }

    @Override
    public boolean fits(DataType type, long nIn, long n, long batch, long steps) {
        return type == DataType.FLOAT && this.nIn == nIn && this.n == n && this.batch == batch && this.steps == steps;
    }



    /** Columns {@code [from, to)} of the f-ordered recurrent weights, as a contiguous array. */
    private static INDArray block(INDArray rw, long from, long to) {
        return rw.get(all(), interval(from, to)).dup('f');
    }

    /** {@code out[k n + u] = src[k stride + from + u]}: one block of columns, row by row. */
    private void columns(float[] src, int srcBase, int stride, int from, float[] out) {
        for (int k = 0; k < batch; k++) {
            System.arraycopy(src, srcBase + k * stride + from, out, k * n, n);
        }
    }

    @Override
    public void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray[] start, INDArray m) {
        INDArray h0 = start[0];
        FloatArrays.project(input, w, xcat, zcat, zin);
        biasRows = FloatArrays.biasBlocks(b, 3, batch, n);
        FloatArrays.state(h[0], h0);
        mask = FloatArrays.maskBlocks(m, steps, batch, n);
        INDArray uzr = block(rw, 0, 2 * n);
        INDArray uc = block(rw, 2 * n, 3 * n);
        int g3 = 3 * n;
        for (int t = 0; t < steps; t++) {
            float[] hp = h[t];
            memory(hPrev).put(hp);
            Nd4j.gemm(hPrev, uzr, zrRec, false, false, 1.0, 0.0);
            memory(zrRec).get(rec2);
            int base = t * stepSize * 3;
            for (int k = 0; k < batch; k++) {
                System.arraycopy(rec2, k * 2 * n, pz, k * n, n);
                System.arraycopy(rec2, k * 2 * n + n, pr, k * n, n);
            }
            columns(zin, base, g3, 0, rec1);
            sigmoidOfSum(z[t], pz, rec1, biasRows[0]);
            columns(zin, base, g3, n, rec1);
            sigmoidOfSum(r[t], pr, rec1, biasRows[1]);
            multiply(rh[t], r[t], hp);
            memory(rhN).put(rh[t]);
            Nd4j.gemm(rhN, uc, cRec, false, false, 1.0, 0.0);
            memory(cRec).get(pc);
            columns(zin, base, g3, 2 * n, rec1);
            candidate(c[t], pc, rec1, biasRows[2]);
            update(h[t + 1], hp, z[t], c[t], mask == null ? null : mask[t]);
        }
    }

    private static void sigmoidOfSum(float[] out, float[] a, float[] b, float[] bias) {
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.5f + 0.5f * FloatLstmSequence.tanh(0.5f * (a[i] + b[i] + bias[i]));
        }
    }

    private static void candidate(float[] out, float[] a, float[] b, float[] bias) {
        for (int i = 0; i < out.length; i++) {
            out[i] = FloatLstmSequence.tanh(a[i] + b[i] + bias[i]);
        }
    }

    private static void multiply(float[] out, float[] a, float[] b) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
    }

    /** h = (hp + z (c - hp)) * keep. */
    private static void update(float[] out, float[] hp, float[] z, float[] c, float[] keep) {
        for (int i = 0; i < out.length; i++) {
            out[i] = hp[i] + z[i] * (c[i] - hp[i]);
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
            Arrays.fill(dcat, 0, end * 3 * stepSize, 0f);
        }
        INDArray uzrT = block(rw, 0, 2 * n);
        INDArray ucT = block(rw, 2 * n, 3 * n);
        int g3 = 3 * n;
        for (int t = steps - 1; t >= end; t--) {
            System.arraycopy(eps, t * stepSize, dh, 0, stepSize);
            if (t < steps - 1) {
                for (int i = 0; i < stepSize; i++) {
                    dh[i] += dhNext[i];
                }
            }
            float[] keep = mask == null ? null : mask[t];
            float[] hp = h[t];
            gates(dh, keep, z[t], c[t], hp, dz, dc);
            memory(dcN).put(dc);
            Nd4j.gemm(dcN, ucT, drh, false, true, 1.0, 0.0);
            memory(drh).get(drhv);
            reset(drhv, hp, r[t], dr);
            for (int k = 0; k < batch; k++) {
                System.arraycopy(dz, k * n, dzr, k * 2 * n, n);
                System.arraycopy(dr, k * n, dzr, k * 2 * n + n, n);
            }
            memory(dzrN).put(dzr);
            Nd4j.gemm(dzrN, uzrT, dhRec, false, true, 1.0, 0.0);
            memory(dhRec).get(dhNext);
            previous(dhNext, dh, z[t], drhv, r[t]);
            int base = t * stepSize * 3;
            for (int k = 0; k < batch; k++) {
                System.arraycopy(dz, k * n, dcat, base + k * g3, n);
                System.arraycopy(dr, k * n, dcat, base + k * g3 + n, n);
                System.arraycopy(dc, k * n, dcat, base + k * g3 + 2 * n, n);
            }
        }
        memory(dcatN).put(dcat);
        FloatArrays.previousStates(h, hcatN, steps);
        FloatBuffer rhmem = memory(rhcatN);
        for (int t = 0; t < steps; t++) {
            rhmem.put(rh[t]);
        }
        Nd4j.gemm(xcat, dcatN, dw, true, false, 1.0, 0.0);
        Nd4j.gemm(hcatN, dcatN, blockGrad, true, false, 1.0, 0.0);
        drw.get(all(), interval(0, 2 * n)).assign(blockGrad.get(all(), interval(0, 2 * n)));
        Nd4j.gemm(rhcatN, dcatN, blockGrad, true, false, 1.0, 0.0);
        drw.get(all(), interval(2 * n, 3 * n)).assign(blockGrad.get(all(), interval(2 * n, 3 * n)));
        Nd4j.gemm(ones, dcatN, db, false, false, 1.0, 0.0);
        Nd4j.gemm(dcatN, w, dxN, false, true, 1.0, 0.0);
        FloatArrays.inputGradient(dxN, epsOut, steps, batch, nIn);
    }

    /** dh masked in place; dz = dh (c - hp) z (1 - z); dc = dh z (1 - c^2) (pre-activation deltas). */
    private static void gates(float[] dh, float[] keep, float[] z, float[] c, float[] hp, float[] dz, float[] dc) {
        if (keep != null) {
            for (int i = 0; i < dh.length; i++) {
                dh[i] *= keep[i];
            }
        }
        for (int i = 0; i < dh.length; i++) {
            float zv = z[i];
            float cv = c[i];
            dz[i] = dh[i] * (cv - hp[i]) * zv * (1 - zv);
            dc[i] = dh[i] * zv * (1 - cv * cv);
        }
    }

    /** dr = drh hp r (1 - r), drh being the gradient with respect to r * hp. */
    private static void reset(float[] drh, float[] hp, float[] r, float[] dr) {
        for (int i = 0; i < dr.length; i++) {
            float rv = r[i];
            dr[i] = drh[i] * hp[i] * rv * (1 - rv);
        }
    }

    /** dhPrev = dh (1 - z) + drh r + (the recurrent part already in {@code acc}). */
    private static void previous(float[] acc, float[] dh, float[] z, float[] drh, float[] r) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += dh[i] * (1 - z[i]) + drh[i] * r[i];
        }
    }
}
