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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The lecture's claim about long dependencies, tested: a copy task with lag L. Each sequence
 * is L + 1 random symbols out of {@value #SYMBOLS}; the only target is at the last step and it
 * is the first symbol, L steps back, with L random symbols in between. A network that cannot
 * carry information across L steps can do no better than guess, ln 4 = 1.386 nats; one that
 * can reaches a loss near 0. Trained on fresh random sequences, evaluated on others.
 */
public final class LongDependency {
    public static final int SYMBOLS = 4;

    private LongDependency() {
    }

    /** What one cell reached at one lag. */
    public record Result(Cell cell, int lag, int updates, double loss, double accuracy, double seconds) {
        /** The loss of the trivial predictor, uniform over the symbols. */
        public static double trivialLoss() {
            return Math.log(SYMBOLS);
        }

        /** Learned: the first symbol named right at least 90% of the time (chance: 25%). */
        public boolean learned() {
            return accuracy >= 0.9;
        }
    }

    /** {@code size} sequences of {@code lag + 1} random symbols; target: the first symbol, at the last step only. */
    public static DataSet batch(Random random, int size, int lag) {
        int length = lag + 1;
        float[] ids = new float[size * length];
        float[] labels = new float[size * length];
        float[] mask = new float[size * length];
        for (int b = 0; b < size; b++) {
            for (int t = 0; t < length; t++) {
                ids[b * length + t] = random.nextInt(SYMBOLS);
            }
            labels[b * length + lag] = ids[b * length];
            mask[b * length + lag] = 1;
        }
        INDArray features = TokenBatchLoader.oneHot(Nd4j.create(ids, new long[]{size, 1, length}, 'c'), SYMBOLS);
        return new DataSet(features, Nd4j.create(labels, new long[]{size, 1, length}, 'c'), null,
                Nd4j.create(mask, new long[]{size, length}, 'c'));
    }

    /**
     * Trains one layer of {@code hidden} units of {@code cell} (Adam 0.005, gradients clipped at
     * 1) for {@code updates} minibatches of 32, then scores 1,024 new sequences.
     */
    public static Result run(Cell cell, int lag, int hidden, int updates, long seed) {
        return run(cell, lag, hidden, updates, seed, false);
    }

    /**
     * The lags a curriculum trains at, in equal shares of the updates: doubling from 10 (or
     * {@code lag} itself when shorter) up to the lag that is scored, so the cell first learns to
     * keep a symbol over a short distance and then over ever longer ones.
     */
    public static List<Integer> curriculum(int lag) {
        List<Integer> stages = new ArrayList<>();
        for (int l = Math.min(10, lag); l < lag; l *= 2) {
            stages.add(l);
        }
        stages.add(lag);
        return stages;
    }

    /** As {@link #run(Cell, int, int, int, long)}, with {@code curriculum}: through {@link #curriculum}. */
    public static Result run(Cell cell, int lag, int hidden, int updates, long seed, boolean curriculum) {
        long start = System.nanoTime();
        List<Integer> stages = curriculum ? curriculum(lag) : List.of(lag);
        var model = LmConfig.Model.defaults().withCell(cell).withLayers(1).withHiddenSize(hidden);
        var training = Training.defaults().withLearningRate(0.005).withGradientClip(1.0, Training.ClipMode.VALUE)
                .withSeed(seed);
        MultiLayerNetwork net = ModelFactory.create(model, training, SYMBOLS);
        Random random = new Random(seed);
        for (int i = 0; i < updates; i++) {
            net.fit(batch(random, 32, stages.get((int) ((long) i * stages.size() / updates))));
        }
        DataSet test = batch(new Random(seed + 1), 1024, lag);
        double loss = net.score(test);
        INDArray out = net.output(test.getFeatures(), false, null, test.getLabelsMaskArray());
        INDArray last = out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(lag));
        INDArray predicted = last.argMax(1);
        INDArray truth = test.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(lag));
        long right = 0;
        for (int b = 0; b < 1024; b++) {
            right += predicted.getInt(b) == truth.getInt(b) ? 1 : 0;
        }
        return new Result(cell, lag, updates, loss, right / 1024.0, (System.nanoTime() - start) / 1e9);
    }
}
