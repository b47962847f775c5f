package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The parameters of a {@link FusedLstm} exactly as DL4J's {@code LSTMParamInitializer} lays out
 * and initialises an {@code LSTM}'s (same keys, shapes, order, fan-in/fan-out and forget-gate
 * bias), which DL4J's own initializer cannot do for another configuration class because it
 * casts to {@code LSTM}. Column blocks of {@code W}, {@code RW} and {@code b}: the cell input
 * (tanh), the forget gate, the output gate and the input gate.
 */
public final class FusedLstmParamInitializer implements ParamInitializer {
    public static final String WEIGHT_KEY = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    public static final String RECURRENT_WEIGHT_KEY = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    public static final String BIAS_KEY = LSTMParamInitializer.BIAS_KEY;
    static final FusedLstmParamInitializer INSTANCE = new FusedLstmParamInitializer();

    private FusedLstmParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FusedLstm l = (FusedLstm) layer;
        return 4 * l.getNOut() * (l.getNIn() + l.getNOut() + 1);
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
        FusedLstm l = (FusedLstm) conf.getLayer();
        long nIn = l.getNIn();
        long n = l.getNOut();
        if (paramsView.length() != numParams(l)) {
            throw new IllegalStateException("FusedLstm expects a parameter view of " + numParams(l) + " values, got "
                    + paramsView.length());
        }
        Map<String, INDArray> m = subsets(paramsView, nIn, n);
        if (initializeParams) {
            // DL4J's LSTM passes fan-in n and fan-out nIn + n for both weight matrices; kept so the
            // two layers start from the same distribution.
            l.getWeightInitFn().init(n, nIn + n, new long[]{nIn, 4 * n}, IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                    m.get(WEIGHT_KEY));
            IWeightInit recurrent = l.getWeightInitFnRecurrent() != null ? l.getWeightInitFnRecurrent()
                    : l.getWeightInitFn();
            recurrent.init(n, nIn + n, new long[]{n, 4 * n}, IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                    m.get(RECURRENT_WEIGHT_KEY));
            INDArray b = m.get(BIAS_KEY);
            b.assign(0);
            b.get(interval(0, 0, true), interval(n, 2 * n)).assign(l.getForgetGateBiasInit());
        }
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FusedLstm l = (FusedLstm) conf.getLayer();
        return subsets(gradientView, l.getNIn(), l.getNOut());
    }

    private static Map<String, INDArray> subsets(INDArray flat, long nIn, long n) {
        long w = nIn * 4 * n;
        long rw = n * 4 * n;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, flat.get(interval(0, 0, true), interval(0, w)).reshape('f', nIn, 4 * n));
        m.put(RECURRENT_WEIGHT_KEY, flat.get(interval(0, 0, true), interval(w, w + rw)).reshape('f', n, 4 * n));
        m.put(BIAS_KEY, flat.get(interval(0, 0, true), interval(w + rw, w + rw + 4 * n)));
        return m;
    }
}
