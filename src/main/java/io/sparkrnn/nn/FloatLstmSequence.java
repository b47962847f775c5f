package io.sparkrnn.nn;

import static io.sparkrnn.nn.FloatArrays.detached;
import static io.sparkrnn.nn.FloatArrays.memory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The single-precision LSTM pass, the speed path of {@link FusedLstmLayer}. Matrix products
 * stay in ND4J (BLAS): the input projection of all steps, the weight gradients of all steps and
 * the input gradient are one product each, and each step has one recurrent product forward
 * and one backward. Everything element-wise of a step (four gate activations, the cell update,
 * and backward the four gate deltas) is one pass over Java arrays, which the JIT vectorises:
 * ND4J 1.0.0-M2 spent 30 to 100 microseconds on each of the twenty-odd small element-wise
 * operations a step needs, more than the step's product. All per-step blocks are time-major
 * and batch-major ({@code [batch][units]}, DL4J's own state layout), so a step reads and writes
 * contiguous memory. tanh is a rational approximation (Eigen's, within 4e-7 of the exact
 * value); sigmoid is computed from it.
 */
final class FloatLstmSequence implements RecurrentSequence {
    private final int nIn;
    private final int n;
    private final int batch;
    private final int steps;
    private final int stepSize;
    private final int gateSize;

    // ND4J buffers for the products, outside workspaces; rows are (step, example) pairs.
    private final INDArray xcat;
    private final INDArray zcat;
    private final INDArray hPrev;
    private final INDArray zRec;
    private final INDArray dNext;
    private final INDArray dhRec;
    private final INDArray dcatN;
    private final INDArray hcatN;
    private final INDArray dxN;
    private final INDArray ones;

    // Java arrays: per-step blocks [batch][units].
    private final float[] zin;
    /** Activated gates by step: cell input (tanh), forget, output and input gate. */
    private final float[][] gA;
    private final float[][] gF;
    private final float[][] gO;
    private final float[][] gG;
    private final float[] rec;
    private final float[][] pre;
    private float[][] biasRows;
    private final float[][] dGate;
    private final float[][] c;
    private final float[][] tc;
    private final float[][] h;
    private final float[] dcat;
    private final float[] eps;
    private final float[] dcNext;
    private final float[] dh;
    private final float[] dhIn;
    /** The mask of each step repeated for every unit, {@code [batch][units]}; null without a mask. */
    private float[][] mask;

    FloatLstmSequence(long nIn, long n, long batch, long steps) {
        this.nIn = Math.toIntExact(nIn);
        this.n = Math.toIntExact(n);
        this.batch = Math.toIntExact(batch);
        this.steps = Math.toIntExact(steps);
        this.stepSize = this.n * this.batch;
        this.gateSize = 4 * stepSize;
        long rows = steps * batch;
        xcat = detached(rows, nIn);
        zcat = detached(rows, 4 * n);
        hPrev = detached(batch, n);
        zRec = detached(batch, 4 * n);
        dNext = detached(batch, 4 * n);
        dhRec = detached(batch, n);
        dcatN = detached(rows, 4 * n);
        hcatN = detached(rows, n);
        dxN = detached(rows, nIn);
        ones = detached(1, rows).assign(1);
        zin = new float[Math.toIntExact(rows * 4 * n)];
        gA = new float[this.steps][stepSize];
        gF = new float[this.steps][stepSize];
        gO = new float[this.steps][stepSize];
        gG = new float[this.steps][stepSize];
        rec = new float[gateSize];
        pre = new float[4][stepSize];
        dGate = new float[4][stepSize];
        c = new float[this.steps + 1][stepSize];
        tc = new float[this.steps][stepSize];
        h = new float[this.steps + 1][stepSize];
        dcat = new float[zin.length];
        eps = new float[this.steps * stepSize];
        dcNext = new float[stepSize];
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
        biasRows = FloatArrays.biasBlocks(b, 4, batch, n);
        FloatArrays.state(h[0], h0);
        FloatArrays.state(c[0], start[1]);
        mask = FloatArrays.maskBlocks(m, steps, batch, n);
        boolean recurrent = h0 != null;
        for (int t = 0; t < steps; t++) {
            if (recurrent) {
                memory(hPrev).put(h[t]);
                Nd4j.gemm(hPrev, rw, zRec, false, false, 1.0, 0.0);
                memory(zRec).get(rec);
            } else {
                Arrays.fill(rec, 0f);
            }
            recurrent = true;
            step(t);
        }
    }

    /**
     * Gate activations, cell and output of step {@code t}, {@link #rec} holding the recurrent
     * part of the gates. The loops run over whole arrays from index 0, the form the JIT
     * vectorises (with offsets it did not, and ran ten times slower).
     */
    private void step(int t) {
        int g4 = 4 * n;
        int base = t * gateSize;
        for (int q = 0; q < 4; q++) {
            float[] p = pre[q];
            for (int k = 0; k < batch; k++) {
                System.arraycopy(rec, k * g4 + q * n, p, k * n, n);
            }
            addRows(p, zin, base + q * n, g4, n, batch);
        }
        tanhOfSum(gA[t], pre[0], biasRows[0]);
        sigmoidOfSum(gF[t], pre[1], biasRows[1]);
        sigmoidOfSum(gO[t], pre[2], biasRows[2]);
        sigmoidOfSum(gG[t], pre[3], biasRows[3]);
        cell(gA[t], gF[t], gO[t], gG[t], c[t], c[t + 1], tc[t], h[t + 1], mask == null ? null : mask[t]);
    }

    /** {@code p[k n + u] += z[from + k stride + u]}: one gate's input projection, row by row. */
    private static void addRows(float[] p, float[] z, int from, int stride, int n, int rows) {
        float[] row = new float[n];
        for (int k = 0; k < rows; k++) {
            System.arraycopy(z, from + k * stride, row, 0, n);
            int o = k * n;
            for (int u = 0; u < n; u++) {
                p[o + u] += row[u];
            }
        }
    }

    private static void tanhOfSum(float[] out, float[] a, float[] b) {
        for (int i = 0; i < out.length; i++) {
            out[i] = tanh(a[i] + b[i]);
        }
    }

    private static void sigmoidOfSum(float[] out, float[] a, float[] b) {
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.5f + 0.5f * tanh(0.5f * (a[i] + b[i]));
        }
    }

    /** c = (f c' + g a) * keep, tc = tanh(c), h = o tc. */
    private static void cell(float[] a, float[] f, float[] o, float[] g, float[] cPrev, float[] cNow, float[] tcNow,
                             float[] hNow, float[] keep) {
        for (int i = 0; i < cNow.length; i++) {
            cNow[i] = f[i] * cPrev[i] + g[i] * a[i];
        }
        if (keep != null) {
            for (int i = 0; i < cNow.length; i++) {
                cNow[i] *= keep[i];
            }
        }
        for (int i = 0; i < cNow.length; i++) {
            float v = tanh(cNow[i]);
            tcNow[i] = v;
            hNow[i] = o[i] * v;
        }
    }

    @Override
    public void output(INDArray out) {
        FloatArrays.outputs(h, out, steps, batch, n);
    }

    @Override
    public INDArray[] last() {
        return new INDArray[]{FloatArrays.state(h[steps], batch, n), FloatArrays.state(c[steps], batch, n)};
    }

    @Override
    public void backward(INDArray epsilon, INDArray w, INDArray rw, INDArray dw, INDArray drw, INDArray db,
                         int backLength, INDArray epsOut) {
        FloatArrays.gradientRows(epsilon, eps);
        int end = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        if (end > 0) {
            Arrays.fill(dcat, 0, end * gateSize, 0f);
        }
        int g4 = 4 * n;
        for (int t = steps - 1; t >= end; t--) {
            System.arraycopy(eps, t * stepSize, dh, 0, stepSize);
            boolean last = t == steps - 1;
            if (!last) {
                memory(dNext).put(dcat, (t + 1) * gateSize, gateSize);
                Nd4j.gemm(dNext, rw, dhRec, false, true, 1.0, 0.0);
                memory(dhRec).get(dhIn);
                for (int j = 0; j < stepSize; j++) {
                    dh[j] += dhIn[j];
                }
            }
            gateDeltas(dh, gA[t], gF[t], gO[t], gG[t], c[t], tc[t], last ? null : dcNext,
                    mask == null ? null : mask[t], dGate[0], dGate[1], dGate[2], dGate[3], dcNext);
            int base = t * gateSize;
            for (int q = 0; q < 4; q++) {
                for (int k = 0; k < batch; k++) {
                    System.arraycopy(dGate[q], k * n, dcat, base + k * g4 + q * n, n);
                }
            }
        }
        memory(dcatN).put(dcat);
        FloatArrays.previousStates(h, hcatN, steps);
        Nd4j.gemm(xcat, dcatN, dw, true, false, 1.0, 0.0);
        Nd4j.gemm(hcatN, dcatN, drw, true, false, 1.0, 0.0);
        Nd4j.gemm(ones, dcatN, db, false, false, 1.0, 0.0); // column sums; ND4J's sum(0) took 25 ms here
        Nd4j.gemm(dcatN, w, dxN, false, true, 1.0, 0.0);
        FloatArrays.inputGradient(dxN, epsOut, steps, batch, nIn);
    }

    /**
     * The gate deltas of one step from the gradient reaching its output ({@code dh}) and its
     * cell from the next step ({@code dcIn}, null at the last step); {@code dcOut} receives the
     * cell gradient for the step before. {@code dcIn} and {@code dcOut} may be the same array.
     */
    private static void gateDeltas(float[] dh, float[] a, float[] f, float[] o, float[] g, float[] cPrev,
                                   float[] tcNow, float[] dcIn, float[] keep, float[] dA, float[] dF, float[] dO,
                                   float[] dG, float[] dcOut) {
        float[] dc = dG;
        for (int i = 0; i < dh.length; i++) {
            float ov = o[i];
            float tv = tcNow[i];
            dO[i] = dh[i] * tv * ov * (1 - ov);
            dc[i] = dh[i] * ov * (1 - tv * tv);
        }
        if (dcIn != null) {
            for (int i = 0; i < dh.length; i++) {
                dc[i] += dcIn[i];
            }
        }
        if (keep != null) {
            for (int i = 0; i < dh.length; i++) {
                dc[i] *= keep[i];
            }
        }
        for (int i = 0; i < dh.length; i++) {
            float d = dc[i];
            float av = a[i];
            float fv = f[i];
            float gv = g[i];
            dA[i] = d * gv * (1 - av * av);
            dF[i] = d * cPrev[i] * fv * (1 - fv);
            dcOut[i] = d * fv;
            dG[i] = d * av * gv * (1 - gv);
        }
    }

    /** tanh within 4e-7 (Eigen's rational approximation on [-9, 9]; beyond, +-1 to float precision). */
    static float tanh(float x) {
        float v = Math.max(-9f, Math.min(9f, x));
        float v2 = v * v;
        float p = v2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = v2 * p + -8.60467152213735e-11f;
        p = v2 * p + 5.12229709037114e-08f;
        p = v2 * p + 1.48572235717979e-05f;
        p = v2 * p + 6.37261928875436e-04f;
        p = v2 * p + 4.89352455891786e-03f;
        p = v * p;
        float q = v2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = v2 * q + 2.26843463243900e-03f;
        q = v2 * q + 4.89352518554385e-03f;
        return p / q;
    }
}
