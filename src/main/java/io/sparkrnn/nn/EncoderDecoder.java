package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's encoder-decoder as graph pieces, so that every task with inputs and outputs of
 * different lengths (forecasting's seq2seq strategy, sequence-to-sequence transduction) builds
 * it the same way: a stack of recurrent layers reads the input; its output at the input's last
 * step (the last unmasked one, for sequences of different lengths) is the context, the
 * summary of the whole input; the context is copied to every decoder step beside that step's
 * own input (Cho et al. 2014 condition every decoder step on it), and a second stack of the same
 * cell and size runs over them. Dropout, when set, is applied before every layer but the first
 * of each stack.
 */
public final class EncoderDecoder {
    private EncoderDecoder() {
    }

    /** A stack of recurrent layers: cell, depth, units per layer, dropout probability. */
    public record Stack(Cell cell, int layers, int hiddenSize, double dropout) {
        public Stack {
            if (layers < 1 || hiddenSize < 1 || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("a stack needs at least 1 layer of at least 1 unit and dropout in "
                        + "[0, 1); got " + layers + " x " + hiddenSize + ", dropout " + dropout);
            }
        }
    }

    /**
     * Adds a stack named {@code prefix-0}, {@code prefix-1}, ... reading {@code inputs} (merged
     * when several) of {@code nIn} features in all; returns the last layer's name.
     */
    public static String stack(ComputationGraphConfiguration.GraphBuilder g, String prefix, Stack s, int nIn,
                               String... inputs) {
        String[] previous = inputs.clone();
        int features = nIn;
        for (int i = 0; i < s.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = Networks.recurrentLayer(s.cell());
            layer.nIn(features).nOut(s.hiddenSize()).dataFormat(RNNFormat.NCW);
            if (s.dropout() > 0 && i > 0) {
                layer.dropOut(new Dropout(1.0 - s.dropout()));
            }
            g.addLayer(prefix + "-" + i, layer.build(), previous);
            previous = new String[]{prefix + "-" + i};
            features = s.hiddenSize();
        }
        return previous[0];
    }

    /**
     * Adds the context vertex {@code name}: the output of {@code top} at the last step of each
     * sequence, the step found from the mask of the graph input {@code sequenceInput}.
     */
    public static String context(ComputationGraphConfiguration.GraphBuilder g, String name, String top,
                                 String sequenceInput) {
        g.addVertex(name, new LastTimeStepVertex(sequenceInput), top);
        return name;
    }

    /** Adds {@code name}, the concatenation of several contexts (the two directions of an encoder). */
    public static String joined(ComputationGraphConfiguration.GraphBuilder g, String name, List<String> contexts) {
        if (contexts.size() == 1) {
            return contexts.get(0);
        }
        g.addVertex(name, new MergeVertex(), contexts.toArray(new String[0]));
        return name;
    }

    /**
     * Adds the decoder stack {@code prefix-i}: each step reads {@code stepInputs} ({@code stepFeatures}
     * in all) and the {@code context} ({@code contextSize} features) copied to as many steps as
     * the graph input {@code stepsInput} has; returns the last layer's name.
     */
    public static String decoder(ComputationGraphConfiguration.GraphBuilder g, String prefix, Stack s,
                                 String context, int contextSize, String stepsInput, int stepFeatures,
                                 String... stepInputs) {
        String perStep = context + "-per-step";
        g.addVertex(perStep, new DuplicateToTimeSeriesVertex(stepsInput), context);
        List<String> inputs = new ArrayList<>(List.of(stepInputs));
        inputs.add(perStep);
        return stack(g, prefix, s, stepFeatures + contextSize, inputs.toArray(new String[0]));
    }
}
