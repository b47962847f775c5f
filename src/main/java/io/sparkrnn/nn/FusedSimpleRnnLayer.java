package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The single-precision Elman layer of a {@link FusedSimpleRnn}, computed by
 * {@link FloatRnnSequence}. Keeps the training forward pass for the backward pass, stores the
 * state under DL4J's key and shape ({@code prevAct}, {@code [batch, n]}), and starts a
 * truncated-BPTT segment's backward pass from the state the segment started from.
 */
public class FusedSimpleRnnLayer extends BaseRecurrentLayer<FusedSimpleRnn> {
    private static final long serialVersionUID = 1L;
    static final String STATE = "prevAct";

    private transient FloatRnnSequence training;
    private transient FloatRnnSequence inference;
    private transient INDArray forwardOf;
    private transient INDArray segmentStart;

    public FusedSimpleRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private FloatRnnSequence forward(boolean train, INDArray h0, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("a recurrent layer takes 3D input [batch, features, steps]; got rank "
                    + input.rank() + " " + java.util.Arrays.toString(input.shape()));
        }
        if (h0 != null && h0.size(0) != input.size(0)) {
            throw new IllegalStateException("the stored RNN state is for a batch of " + h0.size(0) + ", the input has "
                    + input.size(0) + ": call rnnClearPreviousState() between batches of different sizes");
        }
        applyDropOutIfNecessary(train, workspaceMgr);
        INDArray in = permuteIfNWC(input).castTo(dataType);
        long n = layerConf().getNOut();
        FloatRnnSequence p = train ? training : inference;
        if (p == null || !p.fits(in.size(1), n, in.size(0), in.size(2))) {
            p = new FloatRnnSequence(in.size(1), n, in.size(0), in.size(2));
            if (train) {
                training = p;
            } else {
                inference = p;
            }
        }
        p.forward(in, getParamWithNoise(SimpleRnnParamInitializer.WEIGHT_KEY, train, workspaceMgr),
                getParamWithNoise(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, train, workspaceMgr),
                getParamWithNoise(SimpleRnnParamInitializer.BIAS_KEY, train, workspaceMgr), h0, maskArray);
        forwardOf = train ? input : null;
        return p;
    }

    private INDArray activations(FloatRnnSequence p, LayerWorkspaceMgr workspaceMgr) {
        INDArray in = permuteIfNWC(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{in.size(0), layerConf().getNOut(), in.size(2)}, 'f');
        p.output(out);
        return permuteIfNWC(out);
    }

    private static void keepLast(Map<String, INDArray> map, FloatRnnSequence p) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            map.put(STATE, p.lastH());
        } finally {
            outside.close();
        }
    }

    @Override
    public INDArray activate(boolean train, LayerWorkspaceMgr workspaceMgr) {
        return activations(forward(train, null, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        FloatRnnSequence p = forward(false, stateMap.get(STATE), workspaceMgr);
        keepLast(stateMap, p);
        return activations(p, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean train, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray h0 = tBpttStateMap.get(STATE);
        FloatRnnSequence p = forward(train, h0, workspaceMgr);
        if (storeLastForTBPTT) {
            segmentStart = h0;
            keepLast(tBpttStateMap, p);
        }
        return activations(p, workspaceMgr);
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
        FloatRnnSequence p = training;
        if (forwardOf == null || forwardOf != input) {
            p = forward(true, tbpttBackLength > 0 ? segmentStart : null, workspaceMgr);
        }
        forwardOf = null;
        INDArray wg = gradientViews.get(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rwg = gradientViews.get(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bg = gradientViews.get(SimpleRnnParamInitializer.BIAS_KEY);
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{eps.size(0), layerConf().getNIn(), eps.size(2)}, 'f');
        p.backward(eps, getParamWithNoise(SimpleRnnParamInitializer.WEIGHT_KEY, true, workspaceMgr),
                getParamWithNoise(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr), wg, rwg, bg,
                tbpttBackLength, epsOut);
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
