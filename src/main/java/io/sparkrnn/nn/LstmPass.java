package io.sparkrnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The LSTM sequence pass for any data type, in ND4J operations (the single-precision speed
 * path is {@link FloatLstmSequence}), over buffers that live outside DL4J's
 * workspaces and are reused while the shapes stay the same. Why it is fast: the input
 * projection of all time steps is one matrix product, as are the weight gradients of all time
 * steps (DL4J's LSTM does a small product per step for each), the forward pass a backward
 * pass needs is kept rather than recomputed, and every per-step array is a contiguous block
 * ({@code [units, batch]}, time-major) so each element-wise operation is one call on
 * contiguous memory. What is left per step is the recurrent product and a few element-wise
 * operations. Masked steps (mask 0) output zeros and pass nothing back, as DL4J's LSTM.
 */
final class LstmPass implements RecurrentSequence {
    private final DataType type;
    private final long nIn;
    private final long n;
    private final long batch;
    private final long steps;

    /** Input of all steps {@code [nIn, T * batch]}, time-major. */
    private final INDArray xcat;
    /** Input projection {@code [4n, T * batch]} before it is laid out per step. */
    private final INDArray zbig;
    /** Gate values of each step {@code [T * 4n, batch]}: after the forward pass, activated. */
    private final INDArray z;
    /** Hidden state {@code [(T + 1) * n, batch]}; block 0 is the start state. */
    private final INDArray h;
    /** Cell state {@code [(T + 1) * n, batch]}; block 0 is the start state. */
    private final INDArray c;
    /** tanh of the cell state {@code [T * n, batch]}. */
    private final INDArray tc;
    /** Gradient reaching each step's output {@code [T * n, batch]}. */
    private final INDArray dh;
    /** Gate deltas {@code [T * 4n, batch]}. */
    private final INDArray d;
    private final INDArray dcat;
    private final INDArray hcat;
    private final INDArray dxcat;
    private final INDArray dcNext;
    private final INDArray tmp;
    private final INDArray[] zAll;
    private final INDArray[] zA;
    private final INDArray[] zF;
    private final INDArray[] zO;
    private final INDArray[] zG;
    private final INDArray[] zSig;
    private final INDArray[] hS;
    private final INDArray[] cS;
    private final INDArray[] tcS;
    private final INDArray[] dhS;
    private final INDArray[] dAll;
    private final INDArray[] dA;
    private final INDArray[] dF;
    private final INDArray[] dO;
    private final INDArray[] dG;
    private INDArray maskRows;

    LstmPass(DataType type, long nIn, long n, long batch, long steps) {
        this.type = type;
        this.nIn = nIn;
        this.n = n;
        this.batch = batch;
        this.steps = steps;
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            xcat = Nd4j.create(type, nIn, steps * batch);
            zbig = Nd4j.create(type, 4 * n, steps * batch);
            z = Nd4j.create(type, steps * 4 * n, batch);
            h = Nd4j.create(type, (steps + 1) * n, batch);
            c = Nd4j.create(type, (steps + 1) * n, batch);
            tc = Nd4j.create(type, steps * n, batch);
            dh = Nd4j.create(type, steps * n, batch);
            d = Nd4j.create(type, steps * 4 * n, batch);
            dcat = Nd4j.create(type, 4 * n, steps * batch);
            hcat = Nd4j.create(type, n, steps * batch);
            dxcat = Nd4j.create(type, nIn, steps * batch);
            dcNext = Nd4j.create(type, n, batch);
            tmp = Nd4j.create(type, n, batch);
        } finally {
            outside.close();
        }
        int t = Math.toIntExact(steps);
        hS = blocks(h, t + 1, n, 0, n);
        cS = blocks(c, t + 1, n, 0, n);
        tcS = blocks(tc, t, n, 0, n);
        dhS = blocks(dh, t, n, 0, n);
        zAll = blocks(z, t, 4 * n, 0, 4 * n);
        zA = blocks(z, t, 4 * n, 0, n);
        zF = blocks(z, t, 4 * n, n, n);
        zO = blocks(z, t, 4 * n, 2 * n, n);
        zG = blocks(z, t, 4 * n, 3 * n, n);
        zSig = blocks(z, t, 4 * n, n, 3 * n);
        dAll = blocks(d, t, 4 * n, 0, 4 * n);
        dA = blocks(d, t, 4 * n, 0, n);
        dF = blocks(d, t, 4 * n, n, n);
        dO = blocks(d, t, 4 * n, 2 * n, n);
        dG = blocks(d, t, 4 * n, 3 * n, n);
    }

    /** One view per step {@code s < count}: rows {@code [s stride + offset, s stride + offset + size)} of {@code m}. */
    private static INDArray[] blocks(INDArray m, int count, long stride, long offset, long size) {
        INDArray[] views = new INDArray[count];
        for (int s = 0; s < count; s++) {
            views[s] = rows(m, s * stride + offset, size);
        }
        return views;
    }

    private static INDArray rows(INDArray m, long from, long count) {
        return m.get(interval(from, from + count), all());
    }

    @Override
    public boolean fits(DataType type, long nIn, long n, long batch, long steps) {
        return this.type == type && this.nIn == nIn && this.n == n && this.batch == batch && this.steps == steps;
    }

    @Override
    public void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray[] start, INDArray mask) {
        xcat.reshape('c', nIn, steps, batch).assign(input.permute(1, 2, 0));
        Nd4j.gemm(w, xcat, zbig, true, false, 1.0, 0.0);
        zbig.addiColumnVector(b.reshape(4 * n, 1));
        z.reshape('c', steps, 4 * n, batch).assign(zbig.reshape('c', 4 * n, steps, batch).permute(1, 0, 2));
        setStart(hS[0], start[0]);
        setStart(cS[0], start[1]);
        maskRows = null;
        if (mask != null) {
            MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
            try {
                maskRows = mask.castTo(type).transpose().dup('c');
            } finally {
                outside.close();
            }
        }
        for (int t = 0; t < steps; t++) {
            Nd4j.gemm(rw, hS[t], zAll[t], true, false, 1.0, 1.0);
            Nd4j.exec(new Tanh(zA[t], zA[t]));
            Nd4j.exec(new Sigmoid(zSig[t], zSig[t]));
            zF[t].mul(cS[t], cS[t + 1]);
            zA[t].mul(zG[t], tmp);
            cS[t + 1].addi(tmp);
            if (maskRows != null) {
                cS[t + 1].muliRowVector(maskRows.getRow(t, true));
            }
            Nd4j.exec(new Tanh(cS[t + 1], tcS[t]));
            zO[t].mul(tcS[t], hS[t + 1]);
        }
    }

    private static void setStart(INDArray block, INDArray state) {
        if (state == null) {
            block.assign(0);
        } else {
            block.assign(state.transpose());
        }
    }

    @Override
    public void output(INDArray out) {
        out.assign(h.reshape('c', steps + 1, n, batch).get(interval(1, steps + 1), all(), all()).permute(2, 1, 0));
    }

    @Override
    public INDArray[] last() {
        return new INDArray[]{hS[(int) steps].transpose().dup('c'), cS[(int) steps].transpose().dup('c')};
    }

    @Override
    public void backward(INDArray eps, INDArray w, INDArray rw, INDArray dw, INDArray drw, INDArray db,
                         int backLength, INDArray epsOut) {
        dh.reshape('c', steps, n, batch).assign(eps.permute(2, 1, 0));
        int end = backLength > 0 ? (int) Math.max(0, steps - backLength) : 0;
        if (end > 0) {
            d.get(interval(0, end * 4 * n), all()).assign(0);
        }
        for (int t = (int) steps - 1; t >= end; t--) {
            INDArray dht = dhS[t];
            boolean last = t == steps - 1;
            if (!last) {
                Nd4j.gemm(rw, dAll[t + 1], dht, false, false, 1.0, 1.0);
            }
            Nd4j.exec(new TimesOneMinus(zO[t], dO[t]));
            dO[t].muli(tcS[t]).muli(dht);
            // dC = dh * o * (1 - tanh(c)^2) + the next step's share through its forget gate
            tcS[t].mul(tcS[t], tmp).rsubi(1).muli(zO[t]).muli(dht);
            if (!last) {
                tmp.addi(dcNext);
            }
            if (maskRows != null) {
                tmp.muliRowVector(maskRows.getRow(t, true));
            }
            Nd4j.exec(new TimesOneMinus(zF[t], dF[t]));
            dF[t].muli(cS[t]).muli(tmp);
            Nd4j.exec(new TimesOneMinus(zG[t], dG[t]));
            dG[t].muli(zA[t]).muli(tmp);
            zA[t].mul(zA[t], dA[t]).rsubi(1).muli(zG[t]).muli(tmp);
            tmp.mul(zF[t], dcNext);
        }
        dcat.reshape('c', 4 * n, steps, batch).assign(d.reshape('c', steps, 4 * n, batch).permute(1, 0, 2));
        hcat.reshape('c', n, steps, batch)
                .assign(h.reshape('c', steps + 1, n, batch).get(interval(0, steps), all(), all()).permute(1, 0, 2));
        Nd4j.gemm(xcat, dcat, dw, false, true, 1.0, 0.0);
        Nd4j.gemm(hcat, dcat, drw, false, true, 1.0, 0.0);
        db.assign(dcat.sum(1).reshape(1, 4 * n));
        Nd4j.gemm(w, dcat, dxcat, false, false, 1.0, 0.0);
        epsOut.assign(dxcat.reshape('c', nIn, steps, batch).permute(2, 0, 1));
    }
}
