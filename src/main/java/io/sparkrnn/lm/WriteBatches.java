package io.sparkrnn.lm;

import io.sparkrnn.core.train.BatchFiles;

import io.sparkrnn.core.train.BatchFiles;

import io.sparkrnn.core.io.Storage;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.datavec.spark.util.SerializableHadoopConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes each partition's windows as minibatch files of {@code batchSize} sequences, DL4J
 * {@link DataSet} files that hold token ids rather than one-hot vectors (features and labels
 * {@code [n, 1, T]}, about 8 bytes per token), expanded by {@link TokenBatchLoader} where they
 * are trained on. Validation batches carry a label mask so that a repeated target is not
 * scored twice.
 */
public final class WriteBatches implements Function2<Integer, Iterator<Window>, Iterator<BatchFiles.Written>> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final int batchSize;
    private final boolean masks;
    private final Broadcast<SerializableHadoopConfig> hadoop;

    public WriteBatches(String dir, int batchSize, boolean masks, Broadcast<SerializableHadoopConfig> hadoop) {
        this.dir = dir;
        this.batchSize = batchSize;
        this.masks = masks;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<BatchFiles.Written> call(Integer partition, Iterator<Window> windows) throws IOException {
        BatchFiles.Written w = new BatchFiles.Written();
        w.partition = partition;
        FileSystem fs = Storage.fileSystem(new Path(dir), hadoop.getValue().getConfiguration());
        List<Window> batch = new ArrayList<>(batchSize);
        while (windows.hasNext()) {
            batch.add(windows.next());
            if (batch.size() == batchSize || !windows.hasNext()) {
                Path path = new Path(dir, BatchFiles.fileName(partition, w.files));
                try (OutputStream out = fs.create(path, true)) {
                    toDataSet(batch, masks).save(out);
                } catch (UncheckedIOException e) {
                    throw new IOException("cannot write " + path, e);
                }
                w.files++;
                w.windows += batch.size();
                w.lastFileSize = batch.size();
                for (Window x : batch) {
                    w.scoredTargets += x.length() - (masks ? x.scoredFrom() : 0);
                }
                batch.clear();
            }
        }
        return List.of(w).iterator();
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
