package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer applied to every step of a sequence ({@code [batch, size, steps]} in and out).
 * DL4J 1.0.0-M2 has three ways to do this and each fails on masked sequences here: its
 * {@code TimeDistributed} wrapper applies a mask to the wrong steps in the NCW layout (with a
 * mask of one real step, the real step came out zero and a padded one did not); a one-step
 * {@code Convolution1DLayer} fails on a graph where some inputs have masks and others none; and
 * the recurrent-to-dense preprocessor pair takes the batch size from the graph's last labels,
 * wrong whenever a decoder runs with another number of rows than it trained with. So the
 * wrapper is used without the mask ({@link Unmasked}): every step is computed, padded ones
 * included, and what is past a sequence's end is left to the label mask of the loss, which
 * is where the masks of the layers after it would end anyway.
 */
public final class PerStep {
    private PerStep() {
    }

    /** Adds {@code name}, {@code nIn} to {@code nOut} features at every step; returns its name. */
    public static String dense(ComputationGraphConfiguration.GraphBuilder g, String name, int nIn, int nOut,
                               Activation activation, boolean bias, String input) {
        g.addLayer(name, new TimeDistributed(new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(activation)
                .hasBias(bias).build(), RNNFormat.NCW), new Unmasked(), input);
        return name;
    }

    /** The identity on activations and gradients that passes no mask on. */
    public static final class Unmasked implements InputPreProcessor {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
        }

        @Override
        public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, output);
        }

        @Override
        public Unmasked clone() {
            return new Unmasked();
        }

        @Override
        public InputType getOutputType(InputType inputType) {
            return inputType;
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                              int minibatchSize) {
            return new Pair<>(null, currentMaskState);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unmasked;
        }

        @Override
        public int hashCode() {
            return Unmasked.class.hashCode();
        }
    }
}
