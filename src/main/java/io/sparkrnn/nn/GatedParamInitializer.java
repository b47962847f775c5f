package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The parameters of a gated recurrent layer in one flat view, as DL4J lays out its recurrent
 * layers': input weights {@code W [nIn, blocks n]}, recurrent weights {@code RW [n, blocks n]}
 * and biases {@code b [1, blocks n]}, one column block per gate or candidate, under DL4J's keys
 * so that regularisation and constraints treat them as DL4J's own. A cell states what differs:
 * its number of blocks, the fan-in and fan-out its weight initialisation is given, and its
 * biases. (The Elman layer keeps DL4J's SimpleRnn initialiser, being DL4J's configuration.)
 */
abstract class GatedParamInitializer implements ParamInitializer {
    static final String WEIGHT_KEY = LayerGradients.WEIGHTS;
    static final String RECURRENT_WEIGHT_KEY = LayerGradients.RECURRENT_WEIGHTS;
    static final String BIAS_KEY = LayerGradients.BIASES;

    /** Fan-in and fan-out a weight initialisation is given, which sets its scale. */
    record Fan(long in, long out) {
    }

    private final int blocks;

    GatedParamInitializer(int blocks) {
        this.blocks = blocks;
    }

    /** The fans for the input weights ({@code recurrent} false) or the recurrent weights. */
    abstract Fan fan(long nIn, long n, boolean recurrent);

    /** Sets the initial biases, {@code [1, blocks n]}. */
    abstract void initBias(BaseRecurrentLayer layer, INDArray bias, long n);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        BaseRecurrentLayer l = (BaseRecurrentLayer) layer;
        return blocks * l.getNOut() * (l.getNIn() + l.getNOut() + 1);
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
        BaseRecurrentLayer l = (BaseRecurrentLayer) conf.getLayer();
        long nIn = l.getNIn();
        long n = l.getNOut();
        if (paramsView.length() != numParams(l)) {
            throw new IllegalStateException(l.getClass().getSimpleName() + " expects a parameter view of "
                    + numParams(l) + " values, got " + paramsView.length());
        }
        Map<String, INDArray> m = subsets(paramsView, nIn, n);
        if (initializeParams) {
            Fan in = fan(nIn, n, false);
            l.getWeightInitFn().init(in.in(), in.out(), new long[]{nIn, blocks * n},
                    IWeightInit.DEFAULT_WEIGHT_INIT_ORDER, m.get(WEIGHT_KEY));
            IWeightInit recurrent = l.getWeightInitFnRecurrent() != null ? l.getWeightInitFnRecurrent()
                    : l.getWeightInitFn();
            Fan rec = fan(nIn, n, true);
            recurrent.init(rec.in(), rec.out(), new long[]{n, blocks * n}, IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                    m.get(RECURRENT_WEIGHT_KEY));
            initBias(l, m.get(BIAS_KEY), n);
        }
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        BaseRecurrentLayer l = (BaseRecurrentLayer) conf.getLayer();
        return subsets(gradientView, l.getNIn(), l.getNOut());
    }

    private Map<String, INDArray> subsets(INDArray flat, long nIn, long n) {
        long w = nIn * blocks * n;
        long rw = n * blocks * n;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, flat.get(interval(0, 0, true), interval(0, w)).reshape('f', nIn, blocks * n));
        m.put(RECURRENT_WEIGHT_KEY, flat.get(interval(0, 0, true), interval(w, w + rw)).reshape('f', n, blocks * n));
        m.put(BIAS_KEY, flat.get(interval(0, 0, true), interval(w + rw, w + rw + blocks * n)));
        return m;
    }
}
