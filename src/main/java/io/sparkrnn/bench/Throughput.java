package io.sparkrnn.bench;

import io.sparkrnn.lm.TokenBatchLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The measurements of one process that {@code jobs/bench.sh} puts beside the Spark ones: training
 * throughput of a network fitting minibatches in a loop, and the machine's matrix-product
 * rate for the LSTM-shaped product, which bounds any implementation of the same arithmetic.
 */
public final class Throughput {
    private Throughput() {
    }

    /** Training floating-point operations per character of one LSTM layer and its softmax, as the shared bound counts them. */
    public static double flopsPerCharacter(int vocabulary, int hidden) {
        return 6.0 * 4 * hidden * (vocabulary + hidden) + 6.0 * hidden * vocabulary;
    }

    /**
     * Minibatches of real text as the jobs feed them: token ids expanded to one-hot on use.
     *
     * @param ids the text as token ids
     */
    public static List<DataSet> batches(int[] ids, int vocabulary, int batch, int length, int count) {
        List<DataSet> out = new ArrayList<>(count);
        TokenBatchLoader loader = new TokenBatchLoader(vocabulary, true);
        int stride = Math.max(1, (ids.length - length - 1) / (batch * count));
        int start = 0;
        for (int k = 0; k < count; k++) {
            float[] f = new float[batch * length];
            float[] l = new float[batch * length];
            for (int b = 0; b < batch; b++) {
                int from = (start + b * stride * count) % (ids.length - length - 1);
                for (int t = 0; t < length; t++) {
                    f[b * length + t] = ids[from + t];
                    l[b * length + t] = ids[from + t + 1];
                }
            }
            start += stride;
            out.add(loader.prepare(new DataSet(Nd4j.create(f, new long[]{batch, 1, length}, 'c'),
                    Nd4j.create(l, new long[]{batch, 1, length}, 'c'))));
        }
        return out;
    }

    /**
     * Characters per second of {@code net.fit} over the minibatches, cycled, after {@code warmup}
     * minibatches, for at least {@code seconds} and at least one pass.
     */
    public static double fitRate(MultiLayerNetwork net, List<DataSet> batches, int warmup, double seconds) {
        for (int i = 0; i < warmup; i++) {
            net.fit(batches.get(i % batches.size()));
        }
        long chars = 0;
        long start = System.nanoTime();
        int i = 0;
        while (i < batches.size() || (System.nanoTime() - start) / 1e9 < seconds) {
            DataSet ds = batches.get(i % batches.size());
            net.fit(ds);
            chars += ds.getFeatures().size(0) * ds.getFeatures().size(2);
            i++;
        }
        return chars / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * GFLOP/s of the LSTM-shaped single-precision product {@code [batch, vocabulary + hidden] x
     * [vocabulary + hidden, 4 hidden]} run by {@code threads} Java threads at once (each with
     * ND4J's native threading as configured), summed over the threads.
     */
    public static double gemmRate(int batch, int vocabulary, int hidden, int threads, double seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Double>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> oneThreadGemm(batch, vocabulary + hidden, 4 * hidden, seconds)));
            }
            double total = 0;
            for (Future<Double> f : parts) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static double oneThreadGemm(int m, int k, int n, double seconds) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        for (int i = 0; i < 50; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        long reps = 0;
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < seconds) {
            for (int i = 0; i < 100; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            reps += 100;
        }
        return 2.0 * m * k * n * reps / ((System.nanoTime() - start) / 1e9) / 1e9;
    }
}
