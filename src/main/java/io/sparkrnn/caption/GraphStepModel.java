package io.sparkrnn.caption;

import io.sparkrnn.core.decode.StepModel;
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
 * The trained decoder as a {@link StepModel} for one image: each step runs the recurrent layers
 * one word further with {@code rnnTimeStep} (their state kept inside the graph), after moving
 * each hypothesis's state rows to where beam search put the hypothesis. {@code <start>} and
 * {@code <unk>} are never proposed: neither can be part of a caption.
 */
final class GraphStepModel implements StepModel {
    private final ComputationGraph decoder;
    private final List<String> recurrent = new ArrayList<>();
    private INDArray[] encoded;
    /** The encodings repeated for the rows of the last step (the same width every step but the first). */
    private INDArray[] repeated;
    private boolean first;

    GraphStepModel(ComputationGraph decoder) {
        this.decoder = decoder;
        for (Layer layer : decoder.getLayers()) {
            if (layer instanceof RecurrentLayer) {
                recurrent.add(layer.conf().getLayer().getLayerName());
            }
        }
    }

    /**
     * The image to caption next: what the decoder reads of it besides the words, in the
     * decoder's input order, each with one row ({@code [1, feature-size]}, {@code [1, channels,
     * rows, columns]}).
     */
    GraphStepModel image(INDArray... imageEncoded) {
        this.encoded = imageEncoded.clone();
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
            row[CaptionVocabulary.START_ID] = Float.NEGATIVE_INFINITY;
            row[CaptionVocabulary.UNKNOWN_ID] = Float.NEGATIVE_INFINITY;
        }
        return out;
    }
}
