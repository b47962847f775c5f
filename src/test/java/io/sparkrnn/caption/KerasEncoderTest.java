package io.sparkrnn.caption;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.nn.Networks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link KerasEncoder} on a real pretrained network: {@code mobilenet_v2-block_2_add.h5} beside
 * this test is MobileNetV2 as the npm package nsfwjs 4.4.0 ships it (MIT licence, Infinite Red;
 * ImageNet-pretrained, fine-tuned by them) cut at {@code block_2_add}, 28 of its 162 layers and
 * 17,008 parameters, written by
 * {@code java io.sparkrnn.caption.TfjsToKeras --model MODEL_DIR --output mobilenet_v2-block_2_add.h5
 * --cut block_2_add} where MODEL_DIR is the model.json and shard that
 * {@code jobs/fetch-pretrained-encoder.sh} unpacks (its {@code --keep-tfjs} keeps them). The
 * reference outputs are TensorFlow.js's own (tfjs 4.22.0, CPU backend) for the same images,
 * made by {@code tfjs-reference.js} beside this test:
 * {@code node tfjs-reference.js MODEL_DIR block_2_add 32 2 > mobilenet_v2-block_2_add.tfjs-reference.txt}.
 */
class KerasEncoderTest {
    static final String CUT = "block_2_add";
    static final int SIZE = 32;

    static Path resource(String name) {
        try {
            return Path.of(KerasEncoderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static KerasEncoder encoder() throws IOException {
        return KerasEncoder.read(resource("mobilenet_v2-block_2_add.h5").toString(), CUT);
    }

    /** Channels-first images: pixel (n, y, x, c) = ((7n + 13y + 29x + 31c) mod 256) / 255, as tfjs-reference.js. */
    static INDArray pixels(int images, int size) {
        INDArray a = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, images, 3, size, size);
        for (int n = 0; n < images; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        a.putScalar(new long[] {n, c, y, x}, (float) (((7 * n + 13 * y + 29 * x + 31 * c) % 256) / 255.0));
                    }
                }
            }
        }
        return a;
    }

    @Test
    void importsCutsAndStatesItsShapes() throws IOException {
        KerasEncoder e = encoder();
        assertEquals(List.of(224L, 224L, 3L), List.of(e.inputHeight(), e.inputWidth(), e.inputChannels()));
        assertEquals(CUT, e.layerNames().get(e.layerNames().size() - 1));
        assertEquals(17_008, e.numParams());
        assertEquals(InputType.convolutional(56, 56, 24), e.outputType(224, 224));
        assertEquals(InputType.convolutional(8, 8, 24), e.outputType(SIZE, SIZE));
        assertArrayEquals(new long[] {2, 24, 8, 8}, e.output(pixels(2, SIZE)).shape());
    }

    @Test
    void givesTensorFlowJsOutputs() throws IOException {
        List<String> lines = Files.readAllLines(resource("mobilenet_v2-block_2_add.tfjs-reference.txt"));
        assertEquals("# shape 2 8 8 24", lines.get(0));
        float[] values = new float[lines.size() - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(lines.get(i + 1));
        }
        INDArray expected = Nd4j.create(values, new long[] {2, 8, 8, 24}).permute(0, 3, 1, 2);
        INDArray got = encoder().output(pixels(2, SIZE));
        double worst = Math.abs(got.sub(expected).maxNumber().doubleValue());
        worst = Math.max(worst, Math.abs(got.sub(expected).minNumber().doubleValue()));
        assertTrue(worst < 1e-4, "largest difference from TensorFlow.js " + worst + " (values up to "
                + expected.amaxNumber() + ")");
    }

    /** An image input through the encoder and a second input through a dense layer, merged into a softmax. */
    static ComputationGraph graph(KerasEncoder e, boolean frozen, Training training) {
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(training).graphBuilder()
                .addInputs("image", "words")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, 3), InputType.feedForward(5));
        String out = e.addTo(g, "image", frozen);
        assertEquals(KerasEncoder.PREFIX + "nchw", out);
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), out);
        g.addLayer("embed", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "words");
        g.addVertex("merge", new MergeVertex(), "pool", "embed");
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nOut(3).build(), "merge");
        g.setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        e.copyParamsInto(graph);
        return graph;
    }

    static INDArray encoded(ComputationGraph graph, INDArray images) {
        return graph.feedForward(new INDArray[] {images, Nd4j.zeros(images.size(0), 5)}, false)
                .get(KerasEncoder.PREFIX + "nchw");
    }

    @Test
    void inABiggerChannelsFirstGraphGivesTheImportedOutputAlsoAfterSaving() throws IOException {
        KerasEncoder e = encoder();
        INDArray images = pixels(3, SIZE);
        INDArray expected = e.output(images);
        ComputationGraph trainable = graph(e, false, Training.defaults());
        assertTrue(expected.equalsWithEps(encoded(trainable, images), 1e-5), "the added vertices compute the import");
        ComputationGraph graph = graph(e, true, Training.defaults());
        assertTrue(expected.equalsWithEps(encoded(graph, images), 1e-4), "frozen, batch normalisation folded");
        assertEquals(9, encoderParams(graph).size(), "the 9 convolutions, their 9 normalisations folded into them");

        ComputationGraphConfiguration json = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        assertEquals(graph.getConfiguration(), json, "the configuration survives JSON, as Spark's workers read it");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()));
        assertTrue(expected.equalsWithEps(encoded(restored, images), 1e-4), "a saved and restored graph");
    }

    static Map<String, float[]> encoderParams(ComputationGraph graph) {
        Map<String, float[]> params = new LinkedHashMap<>();
        for (org.deeplearning4j.nn.api.Layer l : graph.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            if (name.startsWith(KerasEncoder.PREFIX) && l.numParams() > 0) {
                params.put(name, l.params().toFloatVector());
            }
        }
        return params;
    }

    static MultiDataSet batch() {
        INDArray labels = Nd4j.zeros(4, 3);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        return new MultiDataSet(new INDArray[] {pixels(4, SIZE), Nd4j.rand(4, 5)}, new INDArray[] {labels});
    }

    @Test
    void frozenLayersKeepTheirParametersUnderAdamAndL2WhileBothBranchesLearn() throws IOException {
        ComputationGraph graph = graph(encoder(), true, Training.defaults().withL2(1e-2).withLearningRate(0.05));
        Map<String, float[]> before = encoderParams(graph);
        INDArray embed = graph.getLayer("embed").params().dup();
        INDArray pool = graph.getLayer("out").params().dup();
        for (int i = 0; i < 3; i++) {
            graph.fit(batch());
        }
        Map<String, float[]> after = encoderParams(graph);
        assertEquals(9, before.size(), "the convolutions, with their normalisations folded in");
        before.forEach((name, values) -> assertArrayEquals(values, after.get(name), 0f, name));
        assertFalse(embed.equalsWithEps(graph.getLayer("embed").params(), 1e-6), "the other input's layer learns");
        assertFalse(pool.equalsWithEps(graph.getLayer("out").params(), 1e-6), "the softmax learns");
    }

    @Test
    void trainableLayersLearn() throws IOException {
        ComputationGraph graph = graph(encoder(), false, Training.defaults().withLearningRate(0.05));
        Map<String, float[]> before = encoderParams(graph);
        graph.fit(batch());
        Map<String, float[]> after = encoderParams(graph);
        float[] first = before.get(KerasEncoder.PREFIX + "Conv1");
        assertFalse(java.util.Arrays.equals(first, after.get(KerasEncoder.PREFIX + "Conv1")), "the first convolution");
    }

    @Test
    void anUnknownCutLayerIsNamedWithTheLayersThereAre() {
        DataException e = assertThrows(DataException.class,
                () -> KerasEncoder.read(resource("mobilenet_v2-block_2_add.h5").toString(), "flatten_1"));
        assertTrue(e.getMessage().contains("no layer 'flatten_1' to cut at; its layers are Conv1_pad, Conv1, bn_Conv1"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("block_2_add"), e.getMessage());
    }

    @Test
    void aMissingFileSaysWhatWasExpected() {
        DataException e = assertThrows(DataException.class, () -> KerasEncoder.read("/nonexistent/x.h5", CUT));
        assertTrue(e.getMessage().startsWith("/nonexistent/x.h5: no such file (expected a Keras HDF5 model"),
                e.getMessage());
    }
}
