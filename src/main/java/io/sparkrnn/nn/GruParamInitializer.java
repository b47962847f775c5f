package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The parameters of a {@link Gru} layer in one flat view: input weights {@code W [nIn, 3 nOut]},
 * recurrent weights {@code RW [nOut, 3 nOut]} and biases {@code b [1, 3 nOut]}, each split in
 * three column blocks for the update gate z, the reset gate r and the candidate state, in that
 * order. Same keys as DL4J's SimpleRnn, so regularisation and constraints treat them alike.
 */
public final class GruParamInitializer implements ParamInitializer {
    public static final String WEIGHT_KEY = DefaultParamInitializer.WEIGHT_KEY;
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = DefaultParamInitializer.BIAS_KEY;
    static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Gru g = (Gru) layer;
        return 3 * g.getNOut() * (g.getNIn() + g.getNOut() + 1);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Gru g = (Gru) conf.getLayer();
        long nIn = g.getNIn();
        long nOut = g.getNOut();
        Map<String, INDArray> m = subsets(paramsView, nIn, nOut);
        if (initializeParams) {
            g.getWeightInitFn().init(nIn, nOut, new long[]{nIn, 3 * nOut}, 'f', m.get(WEIGHT_KEY));
            IWeightInit recurrent = g.getWeightInitFnRecurrent() != null ? g.getWeightInitFnRecurrent()
                    : g.getWeightInitFn();
            recurrent.init(nOut, nOut, new long[]{nOut, 3 * nOut}, 'f', m.get(RECURRENT_WEIGHT_KEY));
            m.get(BIAS_KEY).assign(g.getBiasInit());
        }
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Gru g = (Gru) conf.getLayer();
        return subsets(gradientView, g.getNIn(), g.getNOut());
    }

    private static Map<String, INDArray> subsets(INDArray flat, long nIn, long nOut) {
        long w = nIn * 3 * nOut;
        long rw = nOut * 3 * nOut;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, flat.get(interval(0, 0, true), interval(0, w)).reshape('f', nIn, 3 * nOut));
        m.put(RECURRENT_WEIGHT_KEY, flat.get(interval(0, 0, true), interval(w, w + rw)).reshape('f', nOut, 3 * nOut));
        m.put(BIAS_KEY, flat.get(interval(0, 0, true), interval(w + rw, w + rw + 3 * nOut)));
        return m;
    }
}
