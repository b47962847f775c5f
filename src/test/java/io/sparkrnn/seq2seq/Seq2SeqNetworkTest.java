package io.sparkrnn.seq2seq;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Seq2SeqNetworkTest {
    static Seq2SeqConfig small(boolean bidirectional) {
        return Seq2SeqConfig.LOADER.load(Path.of("conf/g2p-cmudict.conf"), "/tmp/unused", List.of(
                "model.hidden-size=8", "model.embedding-size=4", "model.layers=2",
                "model.bidirectional=" + bidirectional));
    }

    private static List<TeacherForcing.Example> examples() {
        return List.of(new TeacherForcing.Example(new int[]{3, 4, 5}, new int[]{3}),
                new TeacherForcing.Example(new int[]{6}, new int[]{4, 5, 3}),
                new TeacherForcing.Example(new int[]{5, 5}, new int[]{6, 6}));
    }

    @Test
    void theContextIgnoresPaddingAndTheDecoderAloneGivesTheGraphsOutput() {
        for (boolean bidirectional : new boolean[]{false, true}) {
            Seq2SeqConfig config = small(bidirectional);
            ComputationGraph graph = Seq2SeqNetwork.create(config, 7, 7);
            MultiDataSet batch = TeacherForcing.batch(examples(), bidirectional);
            for (int i = 0; i < 5; i++) {
                graph.fit(batch);
            }
            INDArray[] all = TeacherForcing.sources(examples().stream().map(TeacherForcing.Example::source).toList(),
                    bidirectional);
            INDArray context = Seq2SeqNetwork.encode(graph, bidirectional, all);
            assertArrayEquals(new long[]{3, config.model().contextSize()}, context.shape());
            // the second source alone, unpadded: the same context as in the padded batch
            INDArray[] alone = TeacherForcing.sources(List.of(new int[]{6}), bidirectional);
            INDArray single = Seq2SeqNetwork.encode(graph, bidirectional, alone);
            double gap = single.sub(context.getRow(1, true)).amaxNumber().doubleValue();
            assertTrue(gap < 1e-5, "padding changed the context by " + gap);

            ComputationGraph decoder = Seq2SeqNetwork.decoder(graph, config.model(), 7);
            graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), null);
            INDArray full = graph.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays())[0];
            graph.clearLayerMaskArrays();
            INDArray steps = batch.getFeatures(batch.getFeatures().length - 1);
            INDArray alongside = decoder.output(false, new INDArray[]{context, steps},
                    new INDArray[]{null, batch.getFeaturesMaskArray(batch.getFeatures().length - 1)})[0];
            double diff = full.sub(alongside).amaxNumber().doubleValue();
            assertTrue(diff < 1e-5, "decoder alone differs from the graph by " + diff
                    + " (bidirectional " + bidirectional + ")");
            assertEquals(7, full.size(1));
        }
    }
}
