package io.sparkrnn.core.decode;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained decoder graph as a {@link StepModel} for one input: its inputs are what the task's
 * encoder made of the input (fixed for the whole search), then the tokens read, one id per row
 * ({@code [rows, 1, 1]}); its first output the next token's probabilities. Each step runs the
 * recurrent layers one token further with {@code rnnTimeStep} (their state kept inside the
 * graph), after moving each hypothesis's state rows to where beam search put the hypothesis.
 * Tokens that can never be part of an output (the start token, the unknown token) are never
 * proposed.
 */
public final class GraphStepModel implements StepModel {
    private final ComputationGraph decoder;
    private final int[] never;
    private final List<String> recurrent = new ArrayList<>();
    private INDArray[] encoded;
    /** The encodings repeated for the rows of the last step (the same width every step but the first). */
    private INDArray[] repeated;
    private boolean first;

    /** @param never the ids never proposed */
    public GraphStepModel(ComputationGraph decoder, int... never) {
        this.decoder = decoder;
        this.never = never.clone();
        for (Layer layer : decoder.getLayers()) {
            if (layer instanceof RecurrentLayer) {
                recurrent.add(layer.conf().getLayer().getLayerName());
            }
        }
    }

    /**
     * The input to decode next: what the decoder reads of it besides the tokens, in the
     * decoder's input order, each with one row (an image's {@code [1, feature-size]} or
     * {@code [1, channels, rows, columns]}, a source sequence's {@code [1, context]}).
     */
    public GraphStepModel input(INDArray... inputEncoded) {
        this.encoded = inputEncoded.clone();
        this.repeated = null;
        return this;
    }

    @Override
    public void start(int rows) {
        decoder.rnnClearPreviousState();
        first = true;
    }

    @Override
    public float[][] next(int[] parents, int[] tokens) {
        int rows = tokens.length;
        if (!first) {
            for (String name : recurrent) {
                Map<String, INDArray> moved = new LinkedHashMap<>();
                decoder.rnnGetPreviousState(name).forEach((k, v) -> moved.put(k, Nd4j.pullRows(v, 1, parents)));
                decoder.rnnSetPreviousState(name, moved);
            }
        }
        first = false;
        float[] ids = new float[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = tokens[i];
        }
        INDArray in = Nd4j.create(ids, new long[] {rows, 1, 1}, 'c');
        if (repeated == null || repeated[0].size(0) != rows) {
            repeated = new INDArray[encoded.length + 1];
            for (int k = 0; k < encoded.length; k++) {
                repeated[k] = encoded[k].repeat(0, rows);
            }
        }
        repeated[encoded.length] = in;
        INDArray probabilities = decoder.rnnTimeStep(repeated)[0].reshape(rows, -1);
        float[][] out = Transforms.log(probabilities, true).toFloatMatrix();
        for (float[] row : out) {
            for (int id : never) {
                row[id] = Float.NEGATIVE_INFINITY;
            }
        }
        return out;
    }
}
