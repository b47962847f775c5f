package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Packs the training windows of a partition into minibatches for DL4J: features
 * {@code [batch, channels, L]} (NCW, the layout of every recurrent layer here) and labels
 * {@code [batch, H]}.
 */
public record ToDataSets(int batchSize) implements FlatMapFunction<Iterator<SeriesFit.Example>, DataSet> {
    @Override
    public Iterator<DataSet> call(Iterator<SeriesFit.Example> examples) {
        List<DataSet> out = new ArrayList<>();
        List<SeriesFit.Example> batch = new ArrayList<>(batchSize);
        while (examples.hasNext()) {
            batch.add(examples.next());
            if (batch.size() == batchSize) {
                out.add(pack(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            out.add(pack(batch));
        }
        return out.iterator();
    }

    /** One minibatch from examples of equal shape, in the networks' single precision. */
    public static DataSet pack(List<SeriesFit.Example> batch) {
        int channels = batch.get(0).x().length;
        int steps = batch.get(0).x()[0].length;
        int horizon = batch.get(0).y().length;
        float[] features = new float[batch.size() * channels * steps];
        float[] labels = new float[batch.size() * horizon];
        int f = 0;
        int l = 0;
        for (SeriesFit.Example e : batch) {
            for (double[] channel : e.x()) {
                for (double v : channel) {
                    features[f++] = (float) v;
                }
            }
            for (double v : e.y()) {
                labels[l++] = (float) v;
            }
        }
        INDArray x = Nd4j.create(features, new long[]{batch.size(), channels, steps}, 'c');
        INDArray y = Nd4j.create(labels, new long[]{batch.size(), horizon}, 'c');
        return new DataSet(x, y);
    }

    /** The network input for one window {@code [channels][L]}: a batch of one. */
    public static INDArray input(double[][] x) {
        return pack(List.of(new SeriesFit.Example(x, new double[1]))).getFeatures();
    }
}
