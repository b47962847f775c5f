package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Turns a direct-strategy minibatch (features {@code [batch, channels, L]}, labels
 * {@code [batch, H]}) into the encoder-decoder's: the same history, the decoder's one-hot step
 * positions {@code [batch, H, H]}, and the targets as a sequence {@code [batch, 1, H]}, so both
 * strategies learn from exactly the same windows.
 */
public final class ToSeq2SeqBatch implements Function<DataSet, MultiDataSet> {
    private static final long serialVersionUID = 1L;

    @Override
    public MultiDataSet call(DataSet batch) {
        return convert(batch);
    }

    public static MultiDataSet convert(DataSet batch) {
        INDArray labels = batch.getLabels();
        int n = (int) labels.size(0);
        int horizon = (int) labels.size(1);
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[]{batch.getFeatures(), ForecastNetwork.steps(n, horizon)},
                new INDArray[]{labels.reshape('c', n, 1, horizon)});
    }
}
