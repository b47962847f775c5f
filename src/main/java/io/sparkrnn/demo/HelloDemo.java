package io.sparkrnn.demo;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;

import io.sparkrnn.lm.ModelFactory;

import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.lm.TokenBatchLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The lecture's "hello" example, made visible: a one-layer network of the chosen cell learns
 * to read h, e, l, l and answer e, l, l, o, then is fed the same letters one at a time
 * ({@code rnnTimeStep}, the state carried between calls) so the probability it gives every
 * letter after every input can be printed. The two "l" inputs need different answers ("l",
 * then "o"): only the recurrent state tells them apart, so the table shows that order matters.
 */
public final class HelloDemo {
    /** The vocabulary, in id order. */
    public static final List<String> LETTERS = List.of("h", "e", "l", "o");
    private static final int[] INPUT = {0, 1, 2, 2};
    private static final int[] TARGET = {1, 2, 2, 3};

    private HelloDemo() {
    }

    /**
     * What one cell learned.
     *
     * @param probabilities {@code [input step][letter]} after training
     */
    public record Result(Cell cell, int steps, double firstLoss, double lastLoss, double[][] probabilities,
                         double seconds) {
        /** The most probable letter after each input: "ello" once learned. */
        public String predicted() {
            StringBuilder b = new StringBuilder();
            for (double[] p : probabilities) {
                int best = 0;
                for (int i = 1; i < p.length; i++) {
                    best = p[i] > p[best] ? i : best;
                }
                b.append(LETTERS.get(best));
            }
            return b.toString();
        }
    }

    /** Trains {@code cell} (16 units, Adam 0.05) on the example for {@code steps} updates. */
    public static Result run(Cell cell, int steps, long seed) {
        long start = System.nanoTime();
        var model = LmConfig.Model.defaults().withCell(cell).withLayers(1).withHiddenSize(16);
        var training = Training.defaults().withLearningRate(0.05).withGradientClip(0, Training.ClipMode.VALUE)
                .withSeed(seed);
        MultiLayerNetwork net = ModelFactory.create(model, training, LETTERS.size());
        DataSet hello = new DataSet(sequence(INPUT), Nd4j.create(floats(TARGET), new long[]{1, 1, INPUT.length}, 'c'));
        double first = Double.NaN;
        for (int i = 0; i < steps; i++) {
            net.fit(hello);
            if (i == 0) {
                first = net.score() / INPUT.length;
            }
        }
        double last = net.score() / INPUT.length;
        net.rnnClearPreviousState();
        double[][] p = new double[INPUT.length][];
        for (int t = 0; t < INPUT.length; t++) {
            INDArray out = net.rnnTimeStep(sequence(new int[]{INPUT[t]}));
            p[t] = out.reshape(LETTERS.size()).toDoubleVector();
        }
        return new Result(cell, steps, first, last, p, (System.nanoTime() - start) / 1e9);
    }

    private static INDArray sequence(int[] ids) {
        return TokenBatchLoader.oneHot(Nd4j.create(floats(ids), new long[]{1, 1, ids.length}, 'c'), LETTERS.size());
    }

    private static float[] floats(int[] ids) {
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            f[i] = ids[i];
        }
        return f;
    }
}
