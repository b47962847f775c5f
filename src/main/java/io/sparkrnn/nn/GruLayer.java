package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The computation of a {@link Gru} layer: in single precision by {@link FloatGruSequence} (the
 * speed path), otherwise in plain ND4J, step by step as DL4J's SimpleRnn does:
 * the forward pass, backpropagation through time (full or truncated), per-step masks (a masked
 * step outputs zeros, as in SimpleRnn), and the state kept between {@code rnnTimeStep} calls for
 * generation. Gates are fixed to sigmoid, the candidate to tanh, as the GRU defines them.
 */
public class GruLayer extends BaseRecurrentLayer<Gru> {
    private static final long serialVersionUID = 1L;
    static final String STATE = "prevAct";
    /** The state the current truncated-BPTT segment started from, for its backward pass. */
    private INDArray segmentStart;
    /** Single-precision passes (the speed path): training and inference buffers. */
    private transient FloatGruSequence fastTraining;
    private transient FloatGruSequence fastInference;
    /** The input whose training forward pass {@link #fastTraining} holds, or null. */
    private transient INDArray fastForwardOf;

    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The forward pass with what backpropagation needs: outputs h, gates z and r, candidates c. */
    private record Forward(INDArray h, INDArray z, INDArray r, INDArray c) {
    }

    /** The parameters split by block: the gates' (z and r together) and the candidate's. */
    private record Weights(INDArray wZr, INDArray wC, INDArray rwZr, INDArray rwC, INDArray bZr, INDArray bC) {
    }

    private Weights weights(boolean training, LayerWorkspaceMgr workspaceMgr) {
        long n = layerConf().getNOut();
        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, workspaceMgr);
        return new Weights(w.get(all(), interval(0, 2 * n)), w.get(all(), interval(2 * n, 3 * n)),
                rw.get(all(), interval(0, 2 * n)), rw.get(all(), interval(2 * n, 3 * n)),
                b.get(interval(0, 0, true), interval(0, 2 * n)), b.get(interval(0, 0, true), interval(2 * n, 3 * n)));
    }

    private boolean fast() {
        return dataType == DataType.FLOAT;
    }

    /** The single-precision forward pass from {@code start} (null: zeros); the pass keeps its results. */
    private FloatGruSequence fastForward(INDArray start, boolean training, LayerWorkspaceMgr workspaceMgr) {
        check(start);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(this.input).castTo(dataType);
        long n = layerConf().getNOut();
        FloatGruSequence p = training ? fastTraining : fastInference;
        if (p == null || !p.fits(in.size(1), n, in.size(0), in.size(2))) {
            p = new FloatGruSequence(in.size(1), n, in.size(0), in.size(2));
            if (training) {
                fastTraining = p;
            } else {
                fastInference = p;
            }
        }
        p.forward(in, getParamWithNoise(GruParamInitializer.WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(GruParamInitializer.BIAS_KEY, training, workspaceMgr), start, maskArray);
        fastForwardOf = training ? this.input : null;
        return p;
    }

    private INDArray fastOutput(FloatGruSequence p, LayerWorkspaceMgr workspaceMgr) {
        INDArray in = permuteIfNWC(this.input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{in.size(0), layerConf().getNOut(), in.size(2)}, 'f');
        p.output(out);
        return permuteIfNWC(out);
    }

    private static void keepFast(java.util.Map<String, INDArray> map, FloatGruSequence p) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            map.put(STATE, p.lastH());
        } finally {
            outside.close();
        }
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (fast()) {
            FloatGruSequence p = fastForward(stateMap.get(STATE), false, workspaceMgr);
            keepFast(stateMap, p);
            return fastOutput(p, workspaceMgr);
        }
        INDArray out = forward(stateMap.get(STATE), false, false, workspaceMgr).h();
        keepLast(stateMap, out);
        return permuteIfNWC(out);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray start = tBpttStateMap.get(STATE);
        if (fast()) {
            FloatGruSequence p = fastForward(start, training, workspaceMgr);
            if (storeLastForTBPTT) {
                segmentStart = start;
                keepFast(tBpttStateMap, p);
            }
            return fastOutput(p, workspaceMgr);
        }
        INDArray out = forward(start, training, false, workspaceMgr).h();
        if (storeLastForTBPTT) {
            segmentStart = start;
            keepLast(tBpttStateMap, out);
        }
        return permuteIfNWC(out);
    }

    private static void keepLast(java.util.Map<String, INDArray> map, INDArray out) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            map.put(STATE, out.get(all(), all(), point(out.size(2) - 1)).dup());
        } finally {
            outside.close();
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (fast()) {
            return fastOutput(fastForward(null, training, workspaceMgr), workspaceMgr);
        }
        return permuteIfNWC(forward(null, training, false, workspaceMgr).h());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        segmentStart = null;
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray start = tbpttBackLength > 0 ? segmentStart : null;
        if (fast()) {
            return fastBackprop(epsilon, start, tbpttBackLength, workspaceMgr);
        }
        long n = layerConf().getNOut();
        Forward f = forward(start, true, true, workspaceMgr);
        INDArray input = permuteIfNWC(this.input.castTo(dataType));
        INDArray eps = permuteIfNWC(epsilon);

        Weights p = weights(true, workspaceMgr);
        INDArray wg = gradientViews.get(GruParamInitializer.WEIGHT_KEY);
        INDArray rwg = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(GruParamInitializer.BIAS_KEY);
        gradientsFlattened.assign(0);

        long steps = input.size(2);
        long end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'f');
        INDArray dhNext = null;
        for (long t = steps - 1; t >= end; t--) {
            INDArray dh = eps.get(all(), all(), point(t)).dup();
            if (dhNext != null) {
                dh.addi(dhNext);
            }
            INDArray maskCol = maskArray == null ? null : maskArray.getColumn(t, true).castTo(dataType);
            if (maskCol != null) {
                dh.muliColumnVector(maskCol);
            }
            INDArray hPrev = t > 0 ? f.h().get(all(), all(), point(t - 1)) : start;
            INDArray z = f.z().get(all(), all(), point(t));
            INDArray r = f.r().get(all(), all(), point(t));
            INDArray c = f.c().get(all(), all(), point(t));
            INDArray x = input.get(all(), all(), point(t));

            // h = hPrev + z * (c - hPrev)
            INDArray dcPre = dh.mul(z).muli(c.mul(c).rsubi(1));                    // through tanh
            INDArray dzPre = dh.mul(hPrev == null ? c : c.sub(hPrev)).muli(z.mul(z.rsub(1))); // through sigmoid
            INDArray dzrPre = Nd4j.zeros(dataType, dh.size(0), 2 * n);
            dzrPre.get(all(), interval(0, n)).assign(dzPre);
            INDArray dhPrev = null;
            if (hPrev != null) {
                INDArray drh = dcPre.mmul(p.rwC().transpose());                        // d(r * hPrev)
                INDArray drPre = drh.mul(hPrev).muli(r.mul(r.rsub(1)));
                dzrPre.get(all(), interval(n, 2 * n)).assign(drPre);
                dhPrev = dh.mul(z.rsub(1)).addi(drh.mul(r)).addi(dzrPre.mmul(p.rwZr().transpose()));
                rwg.get(all(), interval(0, 2 * n)).addi(hPrev.transpose().mmul(dzrPre));
                rwg.get(all(), interval(2 * n, 3 * n)).addi(r.mul(hPrev).transpose().mmul(dcPre));
            }
            wg.get(all(), interval(0, 2 * n)).addi(x.transpose().mmul(dzrPre));
            wg.get(all(), interval(2 * n, 3 * n)).addi(x.transpose().mmul(dcPre));
            bg.get(interval(0, 0, true), interval(0, 2 * n)).addi(dzrPre.sum(true, 0));
            bg.get(interval(0, 0, true), interval(2 * n, 3 * n)).addi(dcPre.sum(true, 0));
            INDArray dx = dzrPre.mmul(p.wZr().transpose()).addi(dcPre.mmul(p.wC().transpose()));
            if (maskCol != null) {
                dx.muliColumnVector(maskCol);
            }
            epsOut.get(all(), all(), point(t)).assign(dx);
            dhNext = dhPrev;
        }
        RecurrentWeightDrop.maskGradient(layerConf().getWeightNoise(), weightNoiseParams, gradientViews);
        weightNoiseParams.clear();
        Gradient gradient = LayerGradients.of(gradientsFlattened, gradientViews);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }

    private Pair<Gradient, INDArray> fastBackprop(INDArray epsilon, INDArray start, int tbpttBackLength,
                                                  LayerWorkspaceMgr workspaceMgr) {
        FloatGruSequence p = fastTraining;
        if (fastForwardOf == null || fastForwardOf != this.input) {
            p = fastForward(start, true, workspaceMgr);
        }
        fastForwardOf = null;
        INDArray wg = gradientViews.get(GruParamInitializer.WEIGHT_KEY);
        INDArray rwg = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(GruParamInitializer.BIAS_KEY);
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{eps.size(0), layerConf().getNIn(), eps.size(2)}, 'f');
        p.backward(eps, getParamWithNoise(GruParamInitializer.WEIGHT_KEY, true, workspaceMgr),
                getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr), wg, rwg, bg,
                tbpttBackLength, epsOut);
        RecurrentWeightDrop.maskGradient(layerConf().getWeightNoise(), weightNoiseParams, gradientViews);
        weightNoiseParams.clear();
        Gradient gradient = LayerGradients.of(gradientsFlattened, gradientViews);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }

    private void check(INDArray start) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("a GRU layer takes 3D input [batch, features, steps]; got rank "
                    + input.rank() + " " + java.util.Arrays.toString(input.shape()));
        }
        if (start != null && start.size(0) != input.size(0)) {
            throw new IllegalStateException("the stored GRU state is for a batch of " + start.size(0) + ", the input has "
                    + input.size(0) + ": call rnnClearPreviousState() between batches of different sizes");
        }
    }

    /**
     * Runs the sequence from {@code start} (null: a zero state). Outputs are NCW {@code [batch,
     * nOut, steps]}; gates and candidates are kept only for backpropagation.
     */
    private Forward forward(INDArray start, boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        check(start);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(this.input.castTo(dataType));
        long batch = in.size(0);
        long steps = in.size(2);
        long n = layerConf().getNOut();
        Weights p = weights(training, workspaceMgr);
        DataType type = p.wZr().dataType();
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, type, new long[]{batch, n, steps}, 'f');
        INDArray zs = forBackprop ? workspaceMgr.create(ArrayType.BP_WORKING_MEM, type, out.shape(), 'f') : null;
        INDArray rs = forBackprop ? workspaceMgr.create(ArrayType.BP_WORKING_MEM, type, out.shape(), 'f') : null;
        INDArray cs = forBackprop ? workspaceMgr.create(ArrayType.BP_WORKING_MEM, type, out.shape(), 'f') : null;
        INDArray prev = start == null ? null : start.castTo(type);
        for (long t = 0; t < steps; t++) {
            INDArray x = in.get(all(), all(), point(t));
            INDArray zr = x.mmul(p.wZr()).addiRowVector(p.bZr());
            if (prev != null) {
                zr.addi(prev.mmul(p.rwZr()));
            }
            Transforms.sigmoid(zr, false);
            INDArray z = zr.get(all(), interval(0, n));
            INDArray r = zr.get(all(), interval(n, 2 * n));
            INDArray c = x.mmul(p.wC()).addiRowVector(p.bC());
            if (prev != null) {
                c.addi(r.mul(prev).mmul(p.rwC()));
            }
            Transforms.tanh(c, false);
            INDArray h = prev == null ? z.mul(c) : c.sub(prev).muli(z).addi(prev);
            if (maskArray != null) {
                h.muliColumnVector(maskArray.getColumn(t, true).castTo(h.dataType()));
            }
            out.get(all(), all(), point(t)).assign(h);
            if (forBackprop) {
                zs.get(all(), all(), point(t)).assign(z);
                rs.get(all(), all(), point(t)).assign(r);
                cs.get(all(), all(), point(t)).assign(c);
            }
            prev = h;
        }
        return new Forward(out, zs, rs, cs);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasLayerNorm() {
        return false;
    }
}
