package io.sparkrnn.nn;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Soft attention of a sequence over the cells of a convolutional feature map ("Show, Attend and
 * Tell", Xu et al. 2015): at every step the query (a recurrent layer's output, {@code [batch,
 * queries, steps]}) weighs the map's cells ({@code [batch, channels, rows, columns]}) and reads
 * their weighted sum, {@code [batch, size, steps]}. A caption word that names one thing in an
 * image can then be read from the cells where that thing is, rather than from one vector that
 * mixes the whole image; that is what lets a decoder describe combinations of things it has not
 * seen together. Each cell's key also holds a learnt embedding of where the cell is (a
 * convolution's output alone hardly says where it was computed), so that a query can ask for
 * "the thing on the left".
 *
 * <p>Scaled dot-product attention with one head (ND4J's {@code multiHeadDotProductAttention}),
 * queries, keys and values projected to {@code size}. It works step by step as well
 * ({@code rnnTimeStep}): it keeps no state of its own.
 *
 * <p>Made to {@linkplain #SpatialAttentionVertex(long, long, long, long, boolean) read
 * positions}, the values are the cells' position embeddings alone: the read says where the
 * weights fall, not what is there. A decoder given that before it names anything learns where
 * the things in an image are (side by side or one above the other) without a summary of what
 * they are, from which it could only recall combinations it has seen.
 */
public final class SpatialAttentionVertex extends SameDiffVertex {
    private static final long serialVersionUID = 1L;
    private static final String QUERY = "Wq";
    private static final String KEY = "Wk";
    private static final String VALUE = "Wv";
    private static final String OUT = "Wo";
    private static final String POSITION = "P";
    /** Spread of the initial position embeddings. */
    private static final double POSITION_INIT = 0.1;

    private long queries;
    private long channels;
    private long cells;
    private long size;
    private boolean readsPositions;

    /** For JSON deserialisation. */
    public SpatialAttentionVertex() {
    }

    /**
     * @param queries  size of the query sequence's steps (the recurrent layer's units)
     * @param channels channels of the feature map
     * @param cells    rows x columns of the feature map
     * @param size     size of the projected queries, keys and values, and of the output
     */
    public SpatialAttentionVertex(long queries, long channels, long cells, long size) {
        this(queries, channels, cells, size, false);
    }

    /**
     * As {@link #SpatialAttentionVertex(long, long, long, long)}; with {@code readsPositions} the
     * values are the cells' learnt position embeddings rather than their contents.
     */
    public SpatialAttentionVertex(long queries, long channels, long cells, long size, boolean readsPositions) {
        if (queries < 1 || channels < 1 || cells < 1 || size < 1) {
            throw new IllegalArgumentException("attention sizes must be at least 1: queries " + queries
                    + ", channels " + channels + ", cells " + cells + ", size " + size);
        }
        this.queries = queries;
        this.channels = channels;
        this.cells = cells;
        this.size = size;
        this.readsPositions = readsPositions;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || !(inputs[0] instanceof InputType.InputTypeRecurrent q)
                || !(inputs[1] instanceof InputType.InputTypeConvolutional map)) {
            throw new InvalidInputTypeException("spatial attention '" + getLayerName() + "' expects a sequence "
                    + "(queries) and a convolutional map, got " + java.util.Arrays.toString(inputs));
        }
        if (q.getSize() != queries || map.getChannels() != channels || map.getHeight() * map.getWidth() != cells) {
            throw new InvalidInputTypeException("spatial attention '" + getLayerName() + "' was configured for "
                    + "queries of " + queries + " and a map of " + channels + " channels x " + cells + " cells, "
                    + "got queries of " + q.getSize() + " and a map of " + map.getChannels() + " x "
                    + map.getHeight() + " x " + map.getWidth());
        }
        return InputType.recurrent(size, q.getTimeSeriesLength());
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.clear();
        params.defineInputs("queries", "map");
        params.addWeightParam(QUERY, 1, size, queries);
        params.addWeightParam(KEY, 1, size, channels);
        params.addWeightParam(VALUE, 1, size, channels);
        params.addWeightParam(OUT, size, size);
        params.addWeightParam(POSITION, channels, cells);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray view = e.getValue();
            switch (e.getKey()) {
                case QUERY -> WeightInitUtil.initWeights(queries, size, view.shape(), WeightInit.XAVIER, null, 'c', view);
                case KEY, VALUE -> WeightInitUtil.initWeights(channels, size, view.shape(), WeightInit.XAVIER, null,
                        'c', view);
                case OUT -> WeightInitUtil.initWeights(size, size, view.shape(), WeightInit.XAVIER, null, 'c', view);
                case POSITION -> view.assign(Nd4j.randn(view.dataType(), view.shape()).muli(POSITION_INIT));
                default -> throw new IllegalStateException("unknown attention parameter " + e.getKey());
            }
        }
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> input, Map<String, SDVariable> params,
                                   Map<String, SDVariable> masks) {
        SDVariable contents = input.get("map").reshape(-1, channels, cells);
        SDVariable keys = contents.add(params.get(POSITION));
        SDVariable values = readsPositions ? sd.zerosLike(contents).add(params.get(POSITION)) : contents;
        return sd.nn.multiHeadDotProductAttention(getLayerName(), input.get("queries"), keys, values,
                params.get(QUERY), params.get(KEY), params.get(VALUE), params.get(OUT), null, true);
    }

    /**
     * Passes the queries' mask on (the steps after a caption's end stay masked downstream) and
     * keeps none for itself: the attention needs none (every cell of a map is real, and a step
     * past the end only reads cells), and DL4J's SameDiff vertex would otherwise feed the masks
     * it was given to its next passes as well, where a mask made in an earlier pass's workspace
     * fails ("array uses outdated workspace pointer", seen when parameter averaging merges
     * minibatches of captions of different lengths). The vertex holds this very array, so
     * emptying it leaves it the all-ones masks it makes each pass.
     */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatch) {
        INDArray queriesMask = masks == null ? null : masks[0];
        if (masks != null) {
            java.util.Arrays.fill(masks, null);
        }
        return Pair.of(queriesMask, state);
    }

    @Override
    public SpatialAttentionVertex clone() {
        SpatialAttentionVertex copy = new SpatialAttentionVertex(queries, channels, cells, size, readsPositions);
        copy.regularization = regularization;
        copy.regularizationBias = regularizationBias;
        copy.updater = updater == null ? null : updater.clone();
        copy.biasUpdater = biasUpdater == null ? null : biasUpdater.clone();
        copy.gradientNormalization = gradientNormalization;
        copy.gradientNormalizationThreshold = gradientNormalizationThreshold;
        copy.dataType = dataType;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpatialAttentionVertex v && v.queries == queries && v.channels == channels
                && v.cells == cells && v.size == size
                && v.readsPositions == readsPositions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(queries, channels, cells, size, readsPositions);
    }

    public long getQueries() {
        return queries;
    }

    public void setQueries(long queries) {
        this.queries = queries;
    }

    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    public long getCells() {
        return cells;
    }

    public void setCells(long cells) {
        this.cells = cells;
    }

    public long getSize() {
        return size;
    }

    public void setSize(long size) {
        this.size = size;
    }

    public boolean isReadsPositions() {
        return readsPositions;
    }

    public void setReadsPositions(boolean readsPositions) {
        this.readsPositions = readsPositions;
    }
}
