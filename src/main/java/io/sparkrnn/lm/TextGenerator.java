package io.sparkrnn.lm;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One-to-many generation: primes the network with some text, then repeatedly samples the next
 * token from the softmax (sharpened or flattened by a temperature) and feeds it back, one time
 * step at a time with the network's stored recurrent state ({@code rnnTimeStep}).
 */
public final class TextGenerator {
    private final MultiLayerNetwork net;
    private final Vocabulary vocabulary;
    private final boolean oneHot;

    /**
     * @param oneHot whether the network takes one-hot vectors (else token ids for an embedding)
     */
    public TextGenerator(MultiLayerNetwork net, Vocabulary vocabulary, boolean oneHot) {
        this.net = net;
        this.vocabulary = vocabulary;
        this.oneHot = oneHot;
    }

    /** Whether a network's first layer reads one-hot vectors (rather than an embedding). */
    public static boolean takesOneHot(MultiLayerNetwork net) {
        return !(net.getLayerWiseConfigurations().getConf(0).getLayer()
                instanceof org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer);
    }

    /**
     * Generates {@code length} tokens after {@code prime} and returns only the generated text.
     * An empty prime starts from a line break, or from the most frequent token if the
     * vocabulary has no line break.
     *
     * @throws IllegalArgumentException if the prime holds a token the vocabulary lacks
     */
    public String generate(String prime, int length, double temperature, Random random) {
        List<Integer> primeIds = new ArrayList<>();
        new TokenEncoder(Tokenizer.of(vocabulary.level()), vocabulary).encode(prime, primeIds::add);
        if (primeIds.isEmpty()) {
            primeIds.add(defaultStart());
        }
        net.rnnClearPreviousState();
        INDArray probabilities = step(primeIds);
        List<Integer> generated = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int next = sample(probabilities, temperature, random);
            generated.add(next);
            probabilities = step(List.of(next));
        }
        net.rnnClearPreviousState();
        return vocabulary.decode(generated);
    }

    private int defaultStart() {
        int id = vocabulary.id("\n");
        if (id >= 0 && !Vocabulary.UNKNOWN.equals(vocabulary.token(id))) {
            return id;
        }
        int best = 0;
        for (int i = 1; i < vocabulary.size(); i++) {
            if (vocabulary.count(i) > vocabulary.count(best)) {
                best = i;
            }
        }
        return best;
    }

    /** Feeds tokens and returns the distribution after the last one, {@code [V]}. */
    private INDArray step(List<Integer> ids) {
        INDArray out = net.rnnTimeStep(input(ids));
        long last = out.size(2) - 1;
        return out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(last));
    }

    private INDArray input(List<Integer> ids) {
        float[] values = new float[ids.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ids.get(i);
        }
        INDArray idArray = Nd4j.create(values, new long[]{1, 1, values.length}, 'c');
        return oneHot ? TokenBatchLoader.oneHot(idArray, vocabulary.size()) : idArray;
    }

    static int sample(INDArray probabilities, double temperature, Random random) {
        int v = (int) probabilities.length();
        double[] weights = new double[v];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            weights[i] = Math.log(Math.max(probabilities.getDouble(i), 1e-30)) / temperature;
            max = Math.max(max, weights[i]);
        }
        double sum = 0;
        for (int i = 0; i < v; i++) {
            weights[i] = Math.exp(weights[i] - max);
            sum += weights[i];
        }
        double r = random.nextDouble() * sum;
        for (int i = 0; i < v; i++) {
            r -= weights[i];
            if (r <= 0) {
                return i;
            }
        }
        return v - 1;
    }
}
