package io.sparkrnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The GRU sequence pass for any data type, step by step in plain ND4J operations as DL4J's
 * SimpleRnn computes: the reference the gradient checks verify in double precision, against
 * which the single-precision speed path {@link FloatGruSequence} is tested. Outputs, gates and
 * candidates of the forward pass are kept (outside DL4J's workspaces) for the backward pass.
 */
final class GruPass implements RecurrentSequence {
    private final DataType type;
    private final long nIn;
    private final long n;
    private final long batch;
    private final long steps;
    /** The forward pass's input, NCW {@code [batch, nIn, T]}. */
    private final INDArray x;
    /** Outputs h, update gates z, reset gates r and candidates c, each {@code [batch, n, T]}. */
    private final INDArray h;
    private final INDArray z;
    private final INDArray r;
    private final INDArray c;
    private INDArray start;
    private INDArray mask;

    GruPass(DataType type, long nIn, long n, long batch, long steps) {
        this.type = type;
        this.nIn = nIn;
        this.n = n;
        this.batch = batch;
        this.steps = steps;
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            x = Nd4j.create(type, new long[]{batch, nIn, steps}, 'f');
            h = Nd4j.create(type, new long[]{batch, n, steps}, 'f');
            z = Nd4j.create(type, new long[]{batch, n, steps}, 'f');
            r = Nd4j.create(type, new long[]{batch, n, steps}, 'f');
            c = Nd4j.create(type, new long[]{batch, n, steps}, 'f');
        } finally {
            outside.close();
        }
    }

    @Override
    public boolean fits(DataType type, long nIn, long n, long batch, long steps) {
        return this.type == type && this.nIn == nIn && this.n == n && this.batch == batch && this.steps == steps;
    }

    /** Columns {@code [from, to)} of a weight matrix or bias row: the blocks z and r together, or c. */
    private static INDArray block(INDArray m, long from, long to) {
        return m.get(all(), interval(from, to));
    }

    @Override
    public void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray[] startState, INDArray m) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            x.assign(input);
            start = startState[0] == null ? null : startState[0].castTo(type).dup();
            mask = m == null ? null : m.castTo(type).dup();
        } finally {
            outside.close();
        }
        INDArray wZr = block(w, 0, 2 * n);
        INDArray wC = block(w, 2 * n, 3 * n);
        INDArray rwZr = block(rw, 0, 2 * n);
        INDArray rwC = block(rw, 2 * n, 3 * n);
        INDArray bZr = block(b, 0, 2 * n);
        INDArray bC = block(b, 2 * n, 3 * n);
        INDArray prev = start;
        for (long t = 0; t < steps; t++) {
            INDArray xt = x.get(all(), all(), point(t));
            INDArray zr = xt.mmul(wZr).addiRowVector(bZr);
            if (prev != null) {
                zr.addi(prev.mmul(rwZr));
            }
            Transforms.sigmoid(zr, false);
            INDArray zt = zr.get(all(), interval(0, n));
            INDArray rt = zr.get(all(), interval(n, 2 * n));
            INDArray ct = xt.mmul(wC).addiRowVector(bC);
            if (prev != null) {
                ct.addi(rt.mul(prev).mmul(rwC));
            }
            Transforms.tanh(ct, false);
            INDArray ht = prev == null ? zt.mul(ct) : ct.sub(prev).muli(zt).addi(prev);
            if (mask != null) {
                ht.muliColumnVector(mask.getColumn(t, true));
            }
            h.get(all(), all(), point(t)).assign(ht);
            z.get(all(), all(), point(t)).assign(zt);
            r.get(all(), all(), point(t)).assign(rt);
            c.get(all(), all(), point(t)).assign(ct);
            prev = ht;
        }
    }

    @Override
    public void output(INDArray out) {
        out.assign(h);
    }

    @Override
    public INDArray[] last() {
        return new INDArray[]{h.get(all(), all(), point(steps - 1)).dup()};
    }

    @Override
    public void backward(INDArray eps, INDArray w, INDArray rw, INDArray dw, INDArray drw, INDArray db,
                         int backLength, INDArray epsOut) {
        dw.assign(0);
        drw.assign(0);
        db.assign(0);
        epsOut.assign(0);
        long end = backLength > 0 ? Math.max(0, steps - backLength) : 0;
        INDArray dhNext = null;
        for (long t = steps - 1; t >= end; t--) {
            INDArray dh = eps.get(all(), all(), point(t)).dup();
            if (dhNext != null) {
                dh.addi(dhNext);
            }
            INDArray maskCol = mask == null ? null : mask.getColumn(t, true);
            if (maskCol != null) {
                dh.muliColumnVector(maskCol);
            }
            dhNext = step(t, dh, maskCol, w, rw, dw, drw, db, epsOut);
        }
    }

    /**
     * Backpropagates step {@code t} given the gradient {@code dh} at its output: adds to the
     * parameter gradients, writes the step's input gradient, returns the gradient reaching the
     * previous step's output (null at a zero start state).
     */
    private INDArray step(long t, INDArray dh, INDArray maskCol, INDArray w, INDArray rw, INDArray dw, INDArray drw,
                          INDArray db, INDArray epsOut) {
        INDArray hPrev = t > 0 ? h.get(all(), all(), point(t - 1)) : start;
        INDArray zt = z.get(all(), all(), point(t));
        INDArray rt = r.get(all(), all(), point(t));
        INDArray ct = c.get(all(), all(), point(t));
        INDArray xt = x.get(all(), all(), point(t));
        // h = hPrev + z * (c - hPrev)
        INDArray dcPre = dh.mul(zt).muli(ct.mul(ct).rsubi(1));                          // through tanh
        INDArray dzPre = dh.mul(hPrev == null ? ct : ct.sub(hPrev)).muli(zt.mul(zt.rsub(1))); // through sigmoid
        INDArray dzrPre = Nd4j.zeros(type, dh.size(0), 2 * n);
        dzrPre.get(all(), interval(0, n)).assign(dzPre);
        INDArray dhPrev = null;
        if (hPrev != null) {
            INDArray drh = dcPre.mmul(block(rw, 2 * n, 3 * n).transpose());            // d(r * hPrev)
            INDArray drPre = drh.mul(hPrev).muli(rt.mul(rt.rsub(1)));
            dzrPre.get(all(), interval(n, 2 * n)).assign(drPre);
            dhPrev = dh.mul(zt.rsub(1)).addi(drh.mul(rt)).addi(dzrPre.mmul(block(rw, 0, 2 * n).transpose()));
            block(drw, 0, 2 * n).addi(hPrev.transpose().mmul(dzrPre));
            block(drw, 2 * n, 3 * n).addi(rt.mul(hPrev).transpose().mmul(dcPre));
        }
        block(dw, 0, 2 * n).addi(xt.transpose().mmul(dzrPre));
        block(dw, 2 * n, 3 * n).addi(xt.transpose().mmul(dcPre));
        block(db, 0, 2 * n).addi(dzrPre.sum(true, 0));
        block(db, 2 * n, 3 * n).addi(dcPre.sum(true, 0));
        INDArray dx = dzrPre.mmul(block(w, 0, 2 * n).transpose()).addi(dcPre.mmul(block(w, 2 * n, 3 * n).transpose()));
        if (maskCol != null) {
            dx.muliColumnVector(maskCol);
        }
        epsOut.get(all(), all(), point(t)).assign(dx);
        return dhPrev;
    }
}
