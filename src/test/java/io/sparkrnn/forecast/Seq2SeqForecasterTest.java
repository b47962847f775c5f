package io.sparkrnn.forecast;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecasting job's encoder-decoder learns a task only an encoder-decoder's shape suits:
 * reversing a sequence (output step h is input step L-1-h), and reads back from model.zip.
 */
class Seq2SeqForecasterTest {
    private static final int LENGTH = 6;

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void learnsToReverseASequence(String cell) {
        ForecastConfig config = ForecastConfig.LOADER.load(Path.of("conf/forecast-airline.conf"), "/tmp/unused",
                List.of("model.strategy=seq2seq", "model.cell=" + cell, "model.hidden-size=32",
                        "model.input-length=" + LENGTH, "model.horizon=" + LENGTH, "data.missing=drop",
                        "training.learning-rate=0.01"));
        ComputationGraph graph = ForecastModelFactory.seq2seq(config);
        Random random = new Random(11);
        for (int i = 0; i < 600; i++) {
            graph.fit(ToSeq2SeqBatch.convert(reversal(32, random)));
        }
        DataSet test = reversal(256, random);
        ForecastNetwork net = ForecastNetwork.of(graph, LENGTH);
        double squared = 0;
        for (int b = 0; b < 256; b++) {
            INDArray x = test.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b, b + 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
            double[] y = net.forecast(x);
            for (int h = 0; h < LENGTH; h++) {
                double d = y[h] - test.getLabels().getDouble(b, h);
                squared += d * d;
            }
        }
        double mse = squared / (256 * LENGTH);
        // The targets have variance 1: predicting their mean scores 1.0.
        assertTrue(mse < 0.05, cell + ": mean squared error " + mse + " on new sequences");

        ForecastNetwork reloaded = ForecastNetwork.fromBytes(net.toBytes(), LENGTH);
        assertTrue(reloaded.seq2seq(), "model.zip of a graph reads back as the encoder-decoder");
        INDArray one = test.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertArrayEquals(net.forecast(one), reloaded.forecast(one), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void stepPositionsAreOneHot(int batch) {
        INDArray steps = ForecastNetwork.steps(batch, 4);
        assertArrayEquals(new long[]{batch, 4, 4}, steps.shape());
        assertEquals(4.0 * batch, steps.sumNumber().doubleValue(), 0.0);
        assertEquals(1.0, steps.getDouble(batch - 1, 2, 2), 0.0);
    }

    /** Standard-normal sequences [n, 1, L] and their reversal [n, L]. */
    private static DataSet reversal(int n, Random random) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 1, LENGTH);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, LENGTH);
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < LENGTH; t++) {
                double v = random.nextGaussian();
                x.putScalar(new int[]{b, 0, t}, v);
                y.putScalar(new int[]{b, LENGTH - 1 - t}, v);
            }
        }
        return new DataSet(x, y);
    }
}
