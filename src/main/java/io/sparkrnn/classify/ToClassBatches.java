package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Standardizer;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Packs a partition's sequences into minibatches for a many-to-one network: features
 * [batch, features, steps] scaled by the training statistics, padded after each sequence's
 * end to the longest sequence of the batch, with a features mask that is 1 on real steps so
 * the recurrent layers skip the padding and the last real step is the one classified;
 * labels one-hot [batch, classes].
 */
public record ToClassBatches(int batchSize, ClassIndex classes, Standardizer[] scaler)
        implements FlatMapFunction<Iterator<LabelledSequence>, DataSet> {
    @Override
    public Iterator<DataSet> call(Iterator<LabelledSequence> sequences) {
        List<DataSet> out = new ArrayList<>();
        List<LabelledSequence> batch = new ArrayList<>(batchSize);
        while (sequences.hasNext()) {
            batch.add(sequences.next());
            if (batch.size() == batchSize) {
                out.add(toDataSet(batch, classes, scaler));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            out.add(toDataSet(batch, classes, scaler));
        }
        return out.iterator();
    }

    /** One minibatch of usable sequences whose labels the class index knows. */
    public static DataSet toDataSet(List<LabelledSequence> batch, ClassIndex classes, Standardizer[] scaler) {
        int n = batch.size();
        int features = scaler.length;
        int steps = batch.stream().mapToInt(LabelledSequence::length).max().orElse(1);
        float[] x = new float[n * features * steps];
        float[] mask = new float[n * steps];
        float[] y = new float[n * classes.size()];
        for (int b = 0; b < n; b++) {
            LabelledSequence s = batch.get(b);
            for (int t = 0; t < s.length(); t++) {
                float[] step = s.steps()[t];
                for (int c = 0; c < features; c++) {
                    x[(b * features + c) * steps + t] = (float) scaler[c].scale(step[c]);
                }
                mask[b * steps + t] = 1f;
            }
            int k = classes.index(s.label());
            if (k < 0) {
                throw new IllegalArgumentException("sequence " + s.id() + " has the label '" + s.label()
                        + "', which is not one of the training classes " + classes.labels());
            }
            y[b * classes.size() + k] = 1f;
        }
        INDArray features3 = Nd4j.create(x, new long[]{n, features, steps}, 'c');
        INDArray labels = Nd4j.create(y, new long[]{n, classes.size()}, 'c');
        INDArray featuresMask = Nd4j.create(mask, new long[]{n, steps}, 'c');
        return new DataSet(features3, labels, featuresMask, null);
    }
}
