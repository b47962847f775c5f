package io.sparkrnn.nn;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The gradient a recurrent layer of the project hands back to DL4J: its flattened gradient
 * view with the input weights, recurrent weights and biases named as DL4J's recurrent layers
 * name them ({@code W}, {@code RW}, {@code b}), the keys all three layers share.
 */
final class LayerGradients {
    static final String WEIGHTS = DefaultParamInitializer.WEIGHT_KEY;
    static final String RECURRENT_WEIGHTS = "RW";
    static final String BIASES = DefaultParamInitializer.BIAS_KEY;

    private LayerGradients() {
    }

    static Gradient of(INDArray flattened, Map<String, INDArray> views) {
        Gradient gradient = new DefaultGradient(flattened);
        for (String key : new String[]{WEIGHTS, RECURRENT_WEIGHTS, BIASES}) {
            gradient.gradientForVariable().put(key, views.get(key));
        }
        return gradient;
    }
}
