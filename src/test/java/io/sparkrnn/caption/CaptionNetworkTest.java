package io.sparkrnn.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptionNetworkTest {
    static CaptionConfig config(String... overrides) {
        List<String> sets = new java.util.ArrayList<>(List.of("data.images=/tmp/none", "data.captions=/tmp/none.csv",
                "data.image-height=12", "data.image-width=12", "data.channels=3", "model.conv-filters=4",
                "model.feature-size=8", "model.embedding-size=6", "model.hidden-size=16", "training.learning-rate=0.01"));
        sets.addAll(List.of(overrides));
        return CaptionConfig.LOADER.loadText("", "test", "/tmp/unused", sets);
    }

    /** Two images, each with its own two-word caption over a vocabulary of 3 reserved + 4 words. */
    static List<CaptionBatches.Pair> pairs() {
        Random random = new Random(1);
        float[] dark = new float[3 * 12 * 12];
        float[] light = new float[3 * 12 * 12];
        for (int i = 0; i < dark.length; i++) {
            dark[i] = 0.2f * random.nextFloat();
            light[i] = 0.8f + 0.2f * random.nextFloat();
        }
        return List.of(new CaptionBatches.Pair(dark, new int[] {3, 4}), new CaptionBatches.Pair(light, new int[] {5, 6, 3}));
    }

    @Test
    void theGraphLearnsTwoCaptionsAndItsDecoderAloneGivesTheSameProbabilities() {
        CaptionConfig config = config();
        ComputationGraph graph = CaptionNetwork.create(config, 7);
        MultiDataSet batch = CaptionBatches.batch(pairs(), 3, 12, 12);
        assertArrayEquals(new long[] {2, 1, 4}, batch.getFeatures(1).shape(), "tokens: 2 captions, <start> + 3 words");
        assertEquals(7.0, batch.getLabelsMaskArray(0).sumNumber().doubleValue(), 0, "3 + 4 predicted words");
        double before = graph.score(batch);
        for (int i = 0; i < 150; i++) {
            graph.fit(batch);
        }
        double after = graph.score(batch);
        assertTrue(after < 0.1 * before, "loss per word before " + before + ", after " + after);

        ComputationGraph decoder = CaptionNetwork.decoder(graph, config.model(), 7);
        INDArray features = CaptionNetwork.features(graph, batch.getFeatures(0));
        INDArray whole = graph.outputSingle(batch.getFeatures(0), batch.getFeatures(1));
        decoder.rnnClearPreviousState();
        for (int t = 0; t < 4; t++) {
            INDArray token = batch.getFeatures(1).get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(t, t + 1));
            INDArray step = decoder.rnnTimeStep(features, token)[0];
            INDArray expected = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
            INDArray got = step.reshape(expected.shape());
            double diff = expected.sub(got).amaxNumber().doubleValue();
            assertTrue(diff < 1e-5, "step " + t + ": the decoder alone differs from the graph by " + diff);
        }
    }
}
