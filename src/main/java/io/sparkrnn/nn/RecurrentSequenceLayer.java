package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * What the project's recurrent layers (LSTM, GRU, Elman) share, written once: DL4J's layer
 * contract (activate, step-by-step generation with {@code rnnTimeStep}, truncated BPTT with
 * {@code rnnActivateUsingStoredState}), a training forward pass kept for the backward pass
 * instead of being run again, the backward pass of a truncated-BPTT segment starting from the
 * state the segment started from, the state stored under DL4J's keys and shapes
 * ({@code prevAct}, the LSTM's {@code prevMem}, {@code [batch, n]}), the input checks, and the
 * epilogue of every backward pass (recurrent weight drop, gradient naming, dropout).
 *
 * <p>A cell supplies its name and state keys and its passes. The precision split is one
 * decision here: single precision runs the cell's speed path
 * ({@link #floatSequence}), any other data type its ND4J pass ({@link #anySequence}).
 */
public abstract class RecurrentSequenceLayer<L extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer>
        extends BaseRecurrentLayer<L> {
    private static final long serialVersionUID = 1L;
    /** The hidden state's key, DL4J's for every recurrent layer. */
    static final String STATE_H = "prevAct";
    /** The LSTM cell state's key, DL4J's. */
    static final String STATE_C = "prevMem";

    private final String cell;
    private final String[] stateKeys;
    /** Buffers of training passes. */
    private transient RecurrentSequence training;
    /** Buffers of inference passes, so that generation does not reallocate the training buffers. */
    private transient RecurrentSequence inference;
    /** The input whose training forward pass {@link #training} holds, or null. */
    private transient INDArray forwardOf;
    /** The state the current truncated-BPTT segment started from, for its backward pass. */
    private transient INDArray[] segmentStart;

    /**
     * @param cell      the cell's name in error messages ("LSTM", "GRU", "RNN")
     * @param stateKeys the state's keys in the order the cell's passes take and return them
     */
    protected RecurrentSequenceLayer(NeuralNetConfiguration conf, DataType dataType, String cell,
                                     String... stateKeys) {
        super(conf, dataType);
        this.cell = cell;
        this.stateKeys = stateKeys.clone();
    }

    /**
     * Connects a new layer to its network as DL4J's layer configurations do in
     * {@code instantiate}: listeners, index, the parameter view and its initialisation.
     */
    static <T extends RecurrentSequenceLayer<?>> T wire(T layer, NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int index,
                                                       INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** The single-precision pass for these sizes. */
    abstract RecurrentSequence floatSequence(long nIn, long n, long batch, long steps);

    /** The pass for these sizes in {@code type}, which is not single precision. */
    abstract RecurrentSequence anySequence(DataType type, long nIn, long n, long batch, long steps);

    private RecurrentSequence sequence(boolean train, INDArray in) {
        long n = layerConf().getNOut();
        RecurrentSequence p = train ? training : inference;
        if (p == null || !p.fits(dataType, in.size(1), n, in.size(0), in.size(2))) {
            p = dataType == DataType.FLOAT ? floatSequence(in.size(1), n, in.size(0), in.size(2))
                    : anySequence(dataType, in.size(1), n, in.size(0), in.size(2));
            if (train) {
                training = p;
            } else {
                inference = p;
            }
        }
        return p;
    }

    private void check(INDArray[] start) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException("a " + cell + " layer takes 3D input [batch, features, steps]; got rank "
                    + input.rank() + " " + Arrays.toString(input.shape()));
        }
        INDArray in = permuteIfNWC(input);
        if (in.size(1) != layerConf().getNIn()) {
            throw new IllegalStateException(cell + " layer " + layerId() + " expects " + layerConf().getNIn()
                    + " input features, got input of shape " + Arrays.toString(input.shape()));
        }
        if (start[0] != null && start[0].size(0) != in.size(0)) {
            throw new IllegalStateException("the stored " + cell + " state is for a batch of " + start[0].size(0)
                    + ", the input has " + in.size(0)
                    + ": call rnnClearPreviousState() between batches of different sizes");
        }
    }

    /** Runs the forward pass from {@code start}; the pass holds its results. */
    private RecurrentSequence forward(boolean train, INDArray[] start, LayerWorkspaceMgr workspaceMgr) {
        check(start);
        applyDropOutIfNecessary(train, workspaceMgr);
        INDArray in = permuteIfNWC(input).castTo(dataType);
        RecurrentSequence p = sequence(train, in);
        p.forward(in, getParamWithNoise(LayerGradients.WEIGHTS, train, workspaceMgr),
                getParamWithNoise(LayerGradients.RECURRENT_WEIGHTS, train, workspaceMgr),
                getParamWithNoise(LayerGradients.BIASES, train, workspaceMgr), start, maskArray);
        forwardOf = train ? input : null;
        return p;
    }

    private INDArray activations(RecurrentSequence p, LayerWorkspaceMgr workspaceMgr) {
        INDArray in = permuteIfNWC(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{in.size(0), layerConf().getNOut(), in.size(2)}, 'f');
        p.output(out);
        return permuteIfNWC(out);
    }

    private INDArray[] stored(Map<String, INDArray> map) {
        INDArray[] state = new INDArray[stateKeys.length];
        for (int i = 0; i < state.length; i++) {
            state[i] = map.get(stateKeys[i]);
        }
        return state;
    }

    /** Keeps the state after the last step, outside DL4J's workspaces so that it outlives the call. */
    private void keepLast(Map<String, INDArray> map, RecurrentSequence p) {
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            INDArray[] last = p.last();
            for (int i = 0; i < stateKeys.length; i++) {
                map.put(stateKeys[i], last[i]);
            }
        } finally {
            outside.close();
        }
    }

    @Override
    public INDArray activate(boolean train, LayerWorkspaceMgr workspaceMgr) {
        return activations(forward(train, new INDArray[stateKeys.length], workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        RecurrentSequence p = forward(false, stored(stateMap), workspaceMgr);
        keepLast(stateMap, p);
        return activations(p, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean train, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray[] start = stored(tBpttStateMap);
        RecurrentSequence p = forward(train, start, workspaceMgr);
        if (storeLastForTBPTT) {
            segmentStart = start;
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
        RecurrentSequence p = training;
        if (forwardOf == null || forwardOf != input) {
            boolean fromSegment = tbpttBackLength > 0 && segmentStart != null;
            p = forward(true, fromSegment ? segmentStart : new INDArray[stateKeys.length], workspaceMgr);
        }
        forwardOf = null;
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{eps.size(0), layerConf().getNIn(), eps.size(2)}, 'f');
        p.backward(eps, getParamWithNoise(LayerGradients.WEIGHTS, true, workspaceMgr),
                getParamWithNoise(LayerGradients.RECURRENT_WEIGHTS, true, workspaceMgr),
                gradientViews.get(LayerGradients.WEIGHTS), gradientViews.get(LayerGradients.RECURRENT_WEIGHTS),
                gradientViews.get(LayerGradients.BIASES), tbpttBackLength, epsOut);
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
