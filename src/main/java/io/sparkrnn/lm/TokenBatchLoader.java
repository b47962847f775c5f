package io.sparkrnn.lm;

import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a minibatch file written by {@link TokenBatches} where it is used (on a Spark worker
 * during training and evaluation) and gives the network the input it expects: one-hot vectors
 * {@code [n, V, T]} for a one-hot model, the token ids themselves for an embedding model.
 * Labels stay ids; the output layer's sparse cross-entropy reads them directly.
 */
public record TokenBatchLoader(int vocabularySize, boolean oneHot) implements DataSetLoader {
    @Override
    public DataSet load(Source source) throws IOException {
        DataSet ds = new DataSet();
        try (InputStream in = source.getInputStream()) {
            ds.load(in);
        }
        return prepare(ds);
    }

    /** Expands the token-id features if the model takes one-hot input. */
    public DataSet prepare(DataSet ds) {
        if (oneHot) {
            ds.setFeatures(oneHot(ds.getFeatures(), vocabularySize));
        }
        return ds;
    }

    /** Token ids {@code [n, 1, T]} as one-hot vectors {@code [n, vocabularySize, T]}. */
    public static INDArray oneHot(INDArray ids, int vocabularySize) {
        long n = ids.size(0);
        long length = ids.size(2);
        float[] values = new float[Math.toIntExact(n * vocabularySize * length)];
        for (long b = 0; b < n; b++) {
            for (long t = 0; t < length; t++) {
                int id = ids.getInt((int) b, 0, (int) t);
                if (id < 0 || id >= vocabularySize) {
                    throw new IllegalArgumentException("token id " + id + " outside a vocabulary of " + vocabularySize);
                }
                values[(int) ((b * vocabularySize + id) * length + t)] = 1f;
            }
        }
        return Nd4j.create(values, new long[]{n, vocabularySize, length}, 'c');
    }
}
