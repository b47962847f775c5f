package io.sparkrnn.lm;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;





/**
 * Groups each partition's windows into minibatches of {@code batchSize} sequences as DL4J
 * {@link DataSet}s that hold token ids rather than one-hot vectors (features and labels
 * {@code [n, 1, T]}), expanded by {@link TokenBatchLoader} where they are trained on; exported by
 * the shared {@link io.sparkrnn.core.train.ExportBatches}. Validation batches carry a label
 * mask so that a repeated target is not scored twice. Lazy: one minibatch at a time.
 */
public record TokenBatches(int batchSize, boolean masks) implements FlatMapFunction<Iterator<Window>, DataSet> {
    @Override
    public Iterator<DataSet> call(Iterator<Window> windows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return windows.hasNext();
            }

            @Override
            public DataSet next() {
                List<Window> batch = new ArrayList<>(batchSize);
                while (windows.hasNext() && batch.size() < batchSize) {
                    batch.add(windows.next());
                }
                if (batch.isEmpty()) {
                    throw new java.util.NoSuchElementException();
                }
                return toDataSet(batch, masks);
            }
        };
    }

    /** A minibatch of windows of equal length as token-id features, labels and label mask. */
    public static DataSet toDataSet(List<Window> batch, boolean masks) {
        int n = batch.size();
        int length = batch.get(0).length();
        float[] features = new float[n * length];
        float[] labels = new float[n * length];
        float[] mask = masks ? new float[n * length] : null;
        boolean anyMasked = false;
        for (int b = 0; b < n; b++) {
            Window w = batch.get(b);
            if (w.length() != length) {
                throw new IllegalArgumentException("windows of lengths " + length + " and " + w.length() + " in one batch");
            }
            for (int t = 0; t < length; t++) {
                features[b * length + t] = w.token(t);
                labels[b * length + t] = w.token(t + 1);
                if (mask != null) {
                    boolean scored = t >= w.scoredFrom();
                    mask[b * length + t] = scored ? 1f : 0f;
                    anyMasked |= !scored;
                }
            }
        }
        INDArray f = Nd4j.create(features, new long[]{n, 1, length}, 'c');
        INDArray l = Nd4j.create(labels, new long[]{n, 1, length}, 'c');
        INDArray m = anyMasked ? Nd4j.create(mask, new long[]{n, length}, 'c') : null;
        return new DataSet(f, l, null, m);
    }
}
