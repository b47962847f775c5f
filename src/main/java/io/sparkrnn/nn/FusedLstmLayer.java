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

import java.util.Map;

/**
 * The computation of a {@link FusedLstm} layer: DL4J's LSTM cell (same equations and
 * parameters) computed by an {@link LstmSequence} ({@link FloatLstmSequence} in single
 * precision). The forward pass of a training step is kept for
 * the backward pass instead of being run again, as DL4J's LSTM does. The state between
 * {@code rnnTimeStep} calls and between truncated-BPTT segments is stored under DL4J's LSTM
 * keys and shapes ({@code prevAct}, {@code prevMem}, {@code [batch, n]}); a truncated-BPTT
 * backward pass starts from the state its segment started from.
 */
public class FusedLstmLayer extends BaseRecurrentLayer<FusedLstm> {
    private static final long serialVersionUID = 1L;
    static final String STATE_H = "prevAct";
    static final String STATE_C = "prevMem";

    /** Buffers of training passes. */
    private transient LstmSequence training;
    /** Buffers of inference passes, so that generation does not reallocate the training buffers. */
    private transient LstmSequence inference;
    /** The input whose training forward pass {@link #training} holds, or null. */
    private transient INDArray forwardOf;
    private transient INDArray segmentH;
    private transient INDArray segmentC;

    public FusedLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private LstmSequence pass(boolean train, INDArray in) {
        long n = layerConf().getNOut();
        LstmSequence p = train ? training : inference;
        if (p == null || !p.fits(dataType, in.size(1), n, in.size(0), in.size(2))) {
            p = dataType == DataType.FLOAT ? new FloatLstmSequence(in.size(1), n, in.size(0), in.size(2))
                    : new LstmPass(dataType, in.size(1), n, in.size(0), in.size(2));
            if (train) {
                training = p;
            } else {
                inference = p;
            }
        }
        return p;
    }

    /** Runs the forward pass from the given start state; the pass holds its results. */
    private LstmSequence forward(boolean train, INDArray h0, INDArray c0, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("an LSTM layer takes 3D input [batch, features, steps]; got rank "
                    + input.rank() + " " + java.util.Arrays.toString(input.shape()));
        }
        if (input.size(1) != layerConf().getNIn()) {
            throw new IllegalStateException("LSTM layer " + layerId() + " expects " + layerConf().getNIn()
                    + " input features, got input of shape " + java.util.Arrays.toString(input.shape()));
        }
        if (h0 != null && h0.size(0) != input.size(0)) {
            throw new IllegalStateException("the stored LSTM state is for a batch of " + h0.size(0) + ", the input has "
                    + input.size(0) + ": call rnnClearPreviousState() between batches of different sizes");
        }
        applyDropOutIfNecessary(train, workspaceMgr);
        INDArray in = permuteIfNWC(input).castTo(dataType);
        LstmSequence p = pass(train, in);
        p.forward(in, getParamWithNoise(FusedLstmParamInitializer.WEIGHT_KEY, train, workspaceMgr),
                getParamWithNoise(FusedLstmParamInitializer.RECURRENT_WEIGHT_KEY, train, workspaceMgr),
                getParamWithNoise(FusedLstmParamInitializer.BIAS_KEY, train, workspaceMgr), h0, c0, maskArray);
        forwardOf = train ? input : null;
        return p;
    }

    private INDArray activations(LstmSequence p, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{input.size(0), layerConf().getNOut(), permuteIfNWC(input).size(2)}, 'f');
        p.output(out);
        return permuteIfNWC(out);
    }

    private static void keepLast(Map<String, INDArray> map, LstmSequence p) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            map.put(STATE_H, p.lastH());
            map.put(STATE_C, p.lastC());
        } finally {
            outside.close();
        }
    }

    @Override
    public INDArray activate(boolean train, LayerWorkspaceMgr workspaceMgr) {
        return activations(forward(train, null, null, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        LstmSequence p = forward(false, stateMap.get(STATE_H), stateMap.get(STATE_C), workspaceMgr);
        keepLast(stateMap, p);
        return activations(p, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean train, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray h0 = tBpttStateMap.get(STATE_H);
        INDArray c0 = tBpttStateMap.get(STATE_C);
        LstmSequence p = forward(train, h0, c0, workspaceMgr);
        if (storeLastForTBPTT) {
            segmentH = h0;
            segmentC = c0;
            keepLast(tBpttStateMap, p);
        }
        return activations(p, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        segmentH = null;
        segmentC = null;
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        LstmSequence p = training;
        if (forwardOf == null || forwardOf != input) {
            p = forward(true, tbpttBackLength > 0 ? segmentH : null, tbpttBackLength > 0 ? segmentC : null,
                    workspaceMgr);
        }
        forwardOf = null;
        INDArray w = getParamWithNoise(FusedLstmParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(FusedLstmParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        INDArray wg = gradientViews.get(FusedLstmParamInitializer.WEIGHT_KEY);
        INDArray rwg = gradientViews.get(FusedLstmParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(FusedLstmParamInitializer.BIAS_KEY);
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{eps.size(0), layerConf().getNIn(), eps.size(2)}, 'f');
        p.backward(eps, w, rw, wg, rwg, bg, tbpttBackLength, epsOut);
        RecurrentWeightDrop.maskGradient(layerConf().getWeightNoise(), weightNoiseParams, gradientViews);
        weightNoiseParams.clear();
        Gradient gradient = LayerGradients.of(gradientsFlattened, gradientViews);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
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
