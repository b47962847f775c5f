package io.sparkrnn.seq2seq;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Seq2SeqNetworkTest {
    static Seq2SeqConfig small(boolean bidirectional, boolean attention) {
        return Seq2SeqConfig.LOADER.load(Path.of("conf/g2p-cmudict.conf"), "/tmp/unused", List.of(
                "model.hidden-size=8", "model.embedding-size=4", "model.layers=2",
                "model.bidirectional=" + bidirectional, "model.attention=" + attention));
    }

    private static List<TeacherForcing.Example> examples() {
        return List.of(new TeacherForcing.Example(new int[]{3, 4, 5}, new int[]{3}),
                new TeacherForcing.Example(new int[]{6}, new int[]{4, 5, 3}),
                new TeacherForcing.Example(new int[]{5, 5}, new int[]{6, 6}));
    }

    @Test
    void paddingChangesNothingAndTheDecoderAloneGivesTheGraphsOutput() {
        for (boolean bidirectional : new boolean[]{false, true}) {
            for (boolean attention : new boolean[]{false, true}) {
                check(small(bidirectional, attention), "bidirectional " + bidirectional + ", attention " + attention);
            }
        }
    }

    private static void check(Seq2SeqConfig config, String what) {
        Seq2SeqConfig.Model m = config.model();
        ComputationGraph graph = Seq2SeqNetwork.create(config, 7, 7);
        MultiDataSet batch = TeacherForcing.batch(examples(), m.bidirectional());
        for (int i = 0; i < 5; i++) {
            graph.fit(batch);
        }
        INDArray[] all = TeacherForcing.sources(examples().stream().map(TeacherForcing.Example::source).toList(),
                m.bidirectional());
        INDArray[] encoded = Seq2SeqNetwork.encode(graph, m, all);
        assertEquals(m.attention() ? 2 : 1, encoded.length, what + ": the context, and the memory with attention");
        INDArray context = encoded[0];
        assertArrayEquals(new long[]{3, m.contextSize()}, context.shape(), what);
        // the second source alone, unpadded: the same context and memory as in the padded batch
        INDArray[] alone = TeacherForcing.sources(List.of(new int[]{6}), m.bidirectional());
        INDArray[] single = Seq2SeqNetwork.encode(graph, m, alone);
        INDArray[] cut = Seq2SeqNetwork.encodedOne(encoded, all[all.length - 1], 1);
        for (int k = 0; k < single.length; k++) {
            assertArrayEquals(single[k].shape(), cut[k].shape(), what + ": encoding " + k);
            double gap = single[k].sub(cut[k]).amaxNumber().doubleValue();
            assertTrue(gap < 1e-5, what + ": padding changed encoding " + k + " by " + gap);
        }
        ComputationGraph decoder = Seq2SeqNetwork.decoder(graph, m, 7);
        INDArray[] features = batch.getFeatures();
        INDArray[] masks = batch.getFeaturesMaskArrays();
        INDArray full = graph.output(false, features, masks)[0];
        graph.clearLayerMaskArrays();
        INDArray steps = features[features.length - 1];
        INDArray stepsMask = masks[masks.length - 1];
        INDArray alongside = m.attention()
                ? decoder.output(false, new INDArray[]{context, encoded[1], steps},
                        new INDArray[]{null, masks[0], stepsMask})[0]
                : decoder.output(false, new INDArray[]{context, steps}, new INDArray[]{null, stepsMask})[0];
        decoder.clearLayerMaskArrays();
        double diff = full.sub(alongside).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, what + ": the decoder alone differs from the graph by " + diff);
        assertEquals(7, full.size(1), what);
        // the second example alone (its target is the longest): the graph's output is its row of the batch
        MultiDataSet one = TeacherForcing.batch(List.of(examples().get(1)), m.bidirectional());
        INDArray own = graph.output(false, one.getFeatures(), one.getFeaturesMaskArrays())[0];
        graph.clearLayerMaskArrays();
        double rowGap = own.sub(full.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.all())).amaxNumber().doubleValue();
        assertTrue(rowGap < 1e-5, what + ": padding the source changed the outputs by " + rowGap);
    }
}
