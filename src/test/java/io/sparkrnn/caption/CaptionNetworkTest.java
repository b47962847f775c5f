package io.sparkrnn.caption;

import io.sparkrnn.core.train.ModelBytes;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest(name = "feature size {0}, attention size {1}, layout attention {2}, output hidden {3}, "
            + "map convolutions [{4}], word dropout {5}")
    @CsvSource({"8,0,false,0,'',0", "8,8,false,0,'',0", "0,8,false,0,'',0", "0,8,true,0,'',0", "8,8,true,12,'',0",
        "0,8,true,0,6,0", "8,0,false,0,6,0", "0,8,true,0,'',0.2"})
    void theGraphLearnsTwoCaptionsAndItsDecoderAloneGivesTheSameProbabilities(int features, int attention,
                                                                               boolean layout, int hidden,
                                                                               String mapConvs, double wordDropout) {
        CaptionConfig config = config("model.feature-size=" + features, "model.attention-size=" + attention,
                "model.layout-attention=" + layout, "model.output-hidden-size=" + hidden,
                "model.map-conv-filters=" + mapConvs, "model.word-dropout=" + wordDropout);
        ComputationGraph graph = CaptionNetwork.create(config, 7);
        if (!mapConvs.isEmpty()) {
            Object map = graph.getConfiguration().getLayerActivationTypes(
                    org.deeplearning4j.nn.conf.inputs.InputType.convolutional(12, 12, 3),
                    org.deeplearning4j.nn.conf.inputs.InputType.recurrent(7)).get("map-norm-0");
            assertEquals(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(6, 6, 6), map,
                    "a convolution of 6 filters at the last block's 6 x 6, unpooled");
            assertEquals(map, CaptionNetwork.mapType(12, 12, config.model()), "the map type attention is built for");
        }
        MultiDataSet batch = CaptionBatches.batch(pairs(), 3, 12, 12);
        assertArrayEquals(new long[] {2, 1, 4}, batch.getFeatures(1).shape(), "tokens: 2 captions, <start> + 3 words");
        if (wordDropout > 0) {
            assertWordsDroppedWhileTrainingOnly(graph, batch);
        }
        assertEquals(7.0, batch.getLabelsMaskArray(0).sumNumber().doubleValue(), 0, "3 + 4 predicted words");
        double before = graph.score(batch);
        for (int i = 0; i < 150; i++) {
            graph.fit(batch);
        }
        double after = graph.score(batch);
        assertTrue(after < 0.1 * before, "loss per word before " + before + ", after " + after);

        ComputationGraph reloaded = ModelBytes.graphFromBytes(ModelBytes.toBytes(graph));
        assertEquals(after, reloaded.score(batch), 1e-6, "the saved and reloaded graph scores the same");
        ComputationGraph decoder = CaptionNetwork.decoder(reloaded, config.model(), 12, 12, 3, 7);
        INDArray[] encoded = CaptionNetwork.encode(graph, config.model(), batch.getFeatures(0));
        assertEquals((features > 0 ? 1 : 0) + (attention > 0 ? 1 : 0), encoded.length,
                "features unless 0, and the map when attending");
        INDArray whole = graph.outputSingle(batch.getFeatures(0), batch.getFeatures(1));
        decoder.rnnClearPreviousState();
        for (int t = 0; t < 4; t++) {
            INDArray token = batch.getFeatures(1).get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(t, t + 1));
            INDArray[] in = java.util.Arrays.copyOf(encoded, encoded.length + 1);
            in[encoded.length] = token;
            INDArray step = decoder.rnnTimeStep(in)[0];
            INDArray expected = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
            INDArray got = step.reshape(expected.shape());
            double diff = expected.sub(got).amaxNumber().doubleValue();
            assertTrue(diff < 1e-5, "step " + t + ": the decoder alone differs from the graph by " + diff);
        }
    }

    /** In training passes some steps of the words read are zero whole; outside training none is. */
    private static void assertWordsDroppedWhileTrainingOnly(ComputationGraph graph, MultiDataSet batch) {
        int dropped = 0;
        for (int pass = 0; pass < 20; pass++) {
            INDArray read = graph.feedForward(batch.getFeatures(), true).get(CaptionNetwork.WORD_DROPOUT);
            INDArray plain = graph.feedForward(batch.getFeatures(), false).get(CaptionNetwork.WORD_DROPOUT);
            assertEquals(0, plain.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue(),
                    "nothing is dropped outside training");
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 4; t++) {
                    if (read.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t)).amaxNumber()
                            .doubleValue() == 0) {
                        dropped++;
                    }
                }
            }
        }
        assertTrue(dropped > 4 && dropped < 40, dropped + " of 160 steps dropped in 20 training passes at 0.2");
    }

    /**
     * The layout attention reads where its weights fall and nothing of what the cells hold: with
     * its query weights at zero every cell weighs the same, and two different images read the
     * same; with its learnt query they read differently, since the weights follow the contents.
     */
    @Test
    void theLayoutAttentionReadsWhereNotWhat() {
        ComputationGraph graph = CaptionNetwork.create(config("model.feature-size=0", "model.attention-size=8",
                "model.layout-attention=true"), 7);
        MultiDataSet batch = CaptionBatches.batch(pairs(), 3, 12, 12);
        double contentsReach = layoutDifference(graph, batch);
        assertTrue(contentsReach > 1e-4, "with a query the two images' layout reads differ, by " + contentsReach);
        graph.getVertex(CaptionNetwork.LAYOUT).paramTable(false).get("Wq").assign(0);
        double uniform = layoutDifference(graph, batch);
        assertTrue(uniform < 1e-6, "with equal weights the two images' layout reads differ by " + uniform);
    }

    /** The largest difference between the two captions' layout reads at their first step. */
    private static double layoutDifference(ComputationGraph graph, MultiDataSet batch) {
        INDArray read = graph.feedForward(batch.getFeatures(), false).get(CaptionNetwork.LAYOUT);
        INDArray first = read.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0));
        return first.getRow(0).sub(first.getRow(1)).amaxNumber().doubleValue();
    }

    /**
     * Parameter averaging merges minibatches of captions of different lengths, which gives the
     * tokens a mask; the attention must train through passes with and without one (it failed
     * with "array uses outdated workspace pointer" before its masks were handled).
     */
    @ParameterizedTest(name = "output hidden size {0}")
    @CsvSource({"0", "12"})
    void attentionTrainsOnMergedMinibatchesOfDifferentCaptionLengths(int hidden) {
        ComputationGraph graph = CaptionNetwork.create(config("model.attention-size=8", "model.layout-attention=true",
                "model.output-hidden-size=" + hidden), 7);
        List<CaptionBatches.Pair> pairs = pairs();
        MultiDataSet longer = CaptionBatches.batch(List.of(pairs.get(1)), 3, 12, 12);
        MultiDataSet shorter = CaptionBatches.batch(List.of(pairs.get(0)), 3, 12, 12);
        MultiDataSet merged = org.nd4j.linalg.dataset.MultiDataSet.merge(List.of(longer, shorter));
        assertTrue(merged.getFeaturesMaskArray(1) != null, "merging captions of 3 and 4 steps masks the tokens");
        double before = graph.score(merged);
        for (int i = 0; i < 60; i++) {
            graph.fit(org.nd4j.linalg.dataset.MultiDataSet.merge(List.of(longer, shorter)));
            graph.fit(i % 2 == 0 ? shorter : longer);
        }
        double after = graph.score(merged);
        assertTrue(after < 0.2 * before, "loss per word before " + before + ", after " + after);
        MultiDataSet three = org.nd4j.linalg.dataset.MultiDataSet.merge(List.of(longer, shorter, longer));
        double fresh = ModelBytes.graphFromBytes(ModelBytes.toBytes(graph)).score(three);
        graph.score(shorter);
        assertEquals(fresh, graph.score(three), 1e-6, "a minibatch of 3 scores the same after one of 1");
    }

    /**
     * A pretrained encoder (MobileNetV2 cut at block_2_add) inside the captioner: frozen, its
     * parameters stay as imported while the decoder learns; unfrozen, the decoder keeps what it
     * learnt and the encoder trains too.
     */
    @Test
    void aPretrainedEncoderStaysFrozenThenTrainsWithTheDecoder() throws Exception {
        String file = java.nio.file.Path.of(getClass().getResource("mobilenet_v2-block_2_add.h5").toURI()).toString();
        CaptionConfig config = config("data.image-height=32", "data.image-width=32", "model.encoder=keras:" + file,
                "model.keras-layer=block_2_add", "model.attention-size=8", "model.fine-tune-learning-rate-factor=0.25");
        KerasEncoder encoder = KerasEncoder.read(file, "block_2_add");
        ComputationGraph frozen = CaptionNetwork.create(config, 7, encoder, true);
        INDArray encoderBefore = encoderParams(frozen);
        INDArray decoderBefore = frozen.getLayer(CaptionNetwork.OUTPUT).params().dup();
        Random random = new Random(3);
        List<CaptionBatches.Pair> pairs = new java.util.ArrayList<>();
        for (int[] caption : new int[][] {{3, 4}, {5, 6, 3}}) {
            float[] pixels = new float[3 * 32 * 32];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            pairs.add(new CaptionBatches.Pair(pixels, caption));
        }
        MultiDataSet batch = CaptionBatches.batch(pairs, 3, 32, 32);
        for (int i = 0; i < 3; i++) {
            frozen.fit(batch);
        }
        assertEquals(0.0, encoderParams(frozen).sub(encoderBefore).amaxNumber().doubleValue(), 0,
                "a frozen encoder's parameters do not move");
        double moved = frozen.getLayer(CaptionNetwork.OUTPUT).params().sub(decoderBefore).amaxNumber().doubleValue();
        assertTrue(moved > 0, "the decoder learns beside a frozen encoder; its output layer moved " + moved);

        ComputationGraph unfrozen = CaptionNetwork.unfrozen(config, 7, encoder, frozen);
        assertEquals(frozen.score(batch), unfrozen.score(batch), 1e-4, "unfreezing keeps what was learnt");
        double rate = config.training().learningRate();
        assertEquals(rate, frozen.getLearningRate(CaptionNetwork.OUTPUT), 1e-12, "frozen: the configured rate");
        for (String layer : List.of(CaptionNetwork.OUTPUT, "enc/Conv1")) {
            assertEquals(0.25 * rate, unfrozen.getLearningRate(layer), 1e-12,
                    "fine-tuning learns at model.fine-tune-learning-rate-factor x the rate: " + layer);
        }
        INDArray imported = encoderParams(unfrozen);
        unfrozen.fit(batch);
        double trained = encoderParams(unfrozen).sub(imported).amaxNumber().doubleValue();
        assertTrue(trained > 0, "an unfrozen encoder trains; its parameters moved " + trained);
    }

    /**
     * The decoder trained alone on a frozen encoder's outputs computed once is the whole graph's
     * decoder: the same loss on the same captions before and after it learns, once what it learnt
     * is moved into the whole graph.
     */
    @Test
    void theDecoderAloneOnCachedEncoderOutputsIsTheWholeGraphsDecoder() throws Exception {
        String file = java.nio.file.Path.of(getClass().getResource("mobilenet_v2-block_2_add.h5").toURI()).toString();
        CaptionConfig config = config("data.image-height=32", "data.image-width=32", "model.encoder=keras:" + file,
                "model.keras-layer=block_2_add", "model.attention-size=8", "model.layout-attention=true");
        KerasEncoder encoder = KerasEncoder.read(file, "block_2_add");
        ComputationGraph whole = CaptionNetwork.create(config, 7, encoder, true);
        FrozenFeatures.Shape shape = FrozenFeatures.shape(encoder, config.data());
        ComputationGraph head = CaptionNetwork.withDecoderOf(CaptionNetwork.headless(config, 7, shape), whole);
        assertTrue(CaptionNetwork.isHeadless(head) && !CaptionNetwork.isHeadless(whole), "told apart");
        Random random = new Random(5);
        List<CaptionedImage> images = new java.util.ArrayList<>();
        List<CaptionBatches.Pair> pairs = new java.util.ArrayList<>();
        for (int[] caption : new int[][] {{3, 4}, {5, 6, 3}, {4}}) {
            float[] pixels = new float[3 * 32 * 32];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            images.add(new CaptionedImage("i" + pairs.size(), "g", "train", pixels, List.of("x")));
            pairs.add(new CaptionBatches.Pair(pixels, caption));
        }
        List<CaptionedImage> encoded = FrozenFeatures.encodeBatch(FrozenFeatures.encoderGraph(config, encoder), images,
                3, 32, 32);
        List<CaptionBatches.Pair> encodedPairs = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(shape.channels() * shape.height() * shape.width(), encoded.get(i).pixels().length,
                    "values per encoded image");
            encodedPairs.add(new CaptionBatches.Pair(encoded.get(i).pixels(), pairs.get(i).words()));
        }
        MultiDataSet onImages = CaptionBatches.batch(pairs, 3, 32, 32);
        MultiDataSet onFeatures = CaptionBatches.batch(encodedPairs, shape.channels(), shape.height(), shape.width());
        assertEquals(whole.score(onImages), head.score(onFeatures), 1e-5, "the same loss before training");
        for (int i = 0; i < 3; i++) {
            head.fit(onFeatures);
        }
        ComputationGraph moved = CaptionNetwork.withDecoderOf(CaptionNetwork.create(config, 7, encoder, true), head);
        assertEquals(head.score(onFeatures), moved.score(onImages), 1e-5, "and after the decoder learnt alone");
        assertTrue(Math.abs(head.score(onFeatures) - whole.score(onImages)) > 1e-4, "it did learn: "
                + whole.score(onImages) + " -> " + head.score(onFeatures));
    }

    private static INDArray encoderParams(ComputationGraph graph) {
        List<INDArray> params = new java.util.ArrayList<>();
        for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : graph.getVertices()) {
            if (v.getVertexName().startsWith(KerasEncoder.PREFIX) && v.numParams() > 0) {
                params.add(v.params().reshape(-1).dup());
            }
        }
        assertTrue(!params.isEmpty(), "the graph holds the encoder's layers");
        return org.nd4j.linalg.factory.Nd4j.concat(0, params.toArray(new INDArray[0]));
    }
}
