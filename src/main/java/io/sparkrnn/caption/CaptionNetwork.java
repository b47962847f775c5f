package io.sparkrnn.caption;

import io.sparkrnn.nn.Networks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import io.sparkrnn.nn.SpatialAttentionVertex;
import io.sparkrnn.nn.WordDropoutVertex;
import io.sparkrnn.core.config.Records;
import io.sparkrnn.core.config.Training;
import io.sparkrnn.core.io.DataException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The captioner as one DL4J graph, trained end to end: a convolutional encoder over the image
 * (input {@code image}, {@code [batch, channels, rows, columns]}) ends in the dense image
 * features ({@code features}), which are fed beside the embedding of every word of the caption
 * so far (input {@code tokens}, {@code [batch, 1, steps]}, the first always {@code <start>}) into
 * the recurrent decoder, whose softmax predicts the next word (sparse labels, masked after each
 * caption's {@code <end>}). Feeding the image at every step rather than only at the first
 * ("par-inject" in Tanti et al. 2018, "Where to put the image in an image caption generator")
 * keeps the image in view however long the caption; they found it as good as the alternatives.
 *
 * <p>For generation the decoder is also built on its own ({@link #decoder}), with the image
 * features as its input and the trained graph's parameters, so that beam search steps the
 * recurrent layers without running the encoder again for every word.
 */
public final class CaptionNetwork {
    public static final String IMAGE = "image";
    public static final String TOKENS = "tokens";
    public static final String FEATURES = "features";
    /** The decoder's input of the encoder's last convolution map, when it attends to it. */
    public static final String MAP = "map";
    /** The attention over the map's cells. */
    public static final String ATTENTION = "attention";
    /** The attention of each word read over the map that reads where its weights fall, not what is there. */
    public static final String LAYOUT = "layout";
    public static final String OUTPUT = "out";
    /** The words the decoder reads, some dropped while training ({@code model.word-dropout}). */
    public static final String WORD_DROPOUT = "word-dropout";

    private CaptionNetwork() {
    }

    /** A new, initialised graph with an encoder trained from scratch and a vocabulary of {@code words} tokens. */
    public static ComputationGraph create(CaptionConfig config, int words) {
        return create(config, words, null, false);
    }

    /**
     * A new, initialised graph whose encoder is {@code pretrained} (its parameters copied in,
     * its layers {@code frozen} or trainable), or trained from scratch when that is null.
     *
     * @throws DataException when the pretrained encoder cannot take the configured images or
     *                       gives a vector where attention needs a map
     */
    public static ComputationGraph create(CaptionConfig config, int words, KerasEncoder pretrained, boolean frozen) {
        CaptionConfig.Data d = config.data();
        CaptionConfig.Model m = config.model();
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(config.training()).graphBuilder()
                .addInputs(IMAGE, TOKENS)
                .setInputTypes(InputType.convolutional(d.imageHeight(), d.imageWidth(), d.channels()),
                        tokensType(words));
        String map;
        InputType.InputTypeConvolutional mapType;
        if (pretrained == null) {
            map = addEncoder(g, m);
            mapType = mapType(d.imageHeight(), d.imageWidth(), m);
        } else {
            map = pretrained.addTo(g, IMAGE, frozen);
            mapType = pretrainedMap(pretrained, d, m);
        }
        if (m.featureSize() > 0) {
            g.addLayer(FEATURES, featuresLayer(m), map);
        }
        addDecoder(g, m, words, FEATURES, map, mapType);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        if (pretrained != null) {
            pretrained.copyParamsInto(graph);
        }
        return graph;
    }

    /**
     * The graph of {@code frozen} with its pretrained encoder made trainable: the encoder's
     * parameters as imported (frozen, they never changed), the rest as {@code frozen} learnt them;
     * its updater learns at {@code model.fine-tune-learning-rate-factor} times the configured rate.
     */
    public static ComputationGraph unfrozen(CaptionConfig config, int words, KerasEncoder pretrained,
                                            ComputationGraph frozen) {
        Training t = config.training();
        CaptionConfig slower = Records.with(config, "training",
                t.withLearningRate(t.learningRate() * config.model().fineTuneLearningRateFactor()));
        return withDecoderOf(create(slower, words, pretrained, false), frozen);
    }

    /**
     * {@code target} with every parameter outside its pretrained encoder (the image features'
     * layer, the decoder) set to those of the vertex of the same name in {@code source}: a graph
     * of the same configuration or its {@link #headless} part; returns {@code target}.
     */
    public static ComputationGraph withDecoderOf(ComputationGraph target, ComputationGraph source) {
        for (GraphVertex vertex : target.getVertices()) {
            if (vertex.numParams() > 0 && !vertex.getVertexName().startsWith(KerasEncoder.PREFIX)) {
                vertex.params().assign(source.getVertex(vertex.getVertexName()).params());
            }
        }
        return target;
    }

    /**
     * The graph without its encoder: the encoder's output for an image ({@code [batch, channels,
     * rows, columns]}, a vector as channels x 1 x 1) is its input {@code image}, the rest is built
     * and named as in {@link #create}, so that {@link #withDecoderOf} moves what it learns into
     * the whole graph. It trains the decoder while a pretrained encoder is frozen
     * ({@link FrozenFeatures}).
     */
    public static ComputationGraph headless(CaptionConfig config, int words, FrozenFeatures.Shape encoded) {
        CaptionConfig.Model m = config.model();
        InputType.InputTypeConvolutional mapType = encoded.type();
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(config.training()).graphBuilder()
                .addInputs(IMAGE, TOKENS)
                .setInputTypes(mapType, tokensType(words));
        if (m.featureSize() > 0) {
            g.addLayer(FEATURES, featuresLayer(m), IMAGE);
        }
        addDecoder(g, m, words, FEATURES, IMAGE, mapType);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** Whether {@code graph} is a {@link #headless} one: its decoder reads the input {@code image} directly. */
    public static boolean isHeadless(ComputationGraph graph) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        return java.util.stream.Stream.of(FEATURES, ATTENTION, LAYOUT)
                .anyMatch(v -> inputs.getOrDefault(v, List.of()).contains(IMAGE));
    }

    private static DenseLayer featuresLayer(CaptionConfig.Model m) {
        return new DenseLayer.Builder().nOut(m.featureSize()).activation(
                m.featureActivation() == CaptionConfig.FeatureActivation.RELU ? Activation.RELU
                        : Activation.IDENTITY).build();
    }

    /**
     * The convolution blocks of an encoder trained from scratch, then the convolutions at its last
     * map's resolution; returns the last layer's name.
     */
    private static String addEncoder(ComputationGraphConfiguration.GraphBuilder g, CaptionConfig.Model m) {
        String previous = IMAGE;
        for (int i = 0; i < m.convFilters().size(); i++) {
            g.addLayer("conv-" + i, new ConvolutionLayer.Builder(3, 3).nOut(m.convFilters().get(i))
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), previous);
            g.addLayer("norm-" + i, new BatchNormalization.Builder().build(), "conv-" + i);
            g.addLayer("pool-" + i, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).build(), "norm-" + i);
            previous = "pool-" + i;
        }
        for (int i = 0; i < m.mapConvFilters().size(); i++) {
            g.addLayer("map-conv-" + i, new ConvolutionLayer.Builder(3, 3).nOut(m.mapConvFilters().get(i))
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), previous);
            g.addLayer("map-norm-" + i, new BatchNormalization.Builder().build(), "map-conv-" + i);
            previous = "map-norm-" + i;
        }
        return previous;
    }

    /** The pretrained encoder's output map for the configured images, checked against what it needs. */
    private static InputType.InputTypeConvolutional pretrainedMap(KerasEncoder e, CaptionConfig.Data d,
                                                                  CaptionConfig.Model m) {
        if (e.inputChannels() != d.channels()) {
            throw new DataException("data.channels = " + d.channels() + ", but the pretrained encoder "
                    + m.kerasFile() + " takes images of " + e.inputChannels() + " channels");
        }
        InputType out = e.outputType(d.imageHeight(), d.imageWidth());
        if (out instanceof InputType.InputTypeConvolutional c) {
            return c;
        }
        if (m.attentionSize() > 0) {
            throw new DataException("model.attention-size = " + m.attentionSize() + " needs a feature map, but "
                    + "model.keras-layer = " + m.kerasLayer() + " gives a vector (" + out + "); cut at a "
                    + "convolution's output or set model.attention-size = 0");
        }
        return null;
    }

    /** The type of the encoder's last convolution map: each block's pooling halves rows and columns. */
    static InputType.InputTypeConvolutional mapType(int imageRows, int imageColumns, CaptionConfig.Model m) {
        long rows = imageRows;
        long columns = imageColumns;
        for (int i = 0; i < m.convFilters().size(); i++) {
            rows /= 2;
            columns /= 2;
        }
        return (InputType.InputTypeConvolutional) InputType.convolutional(rows, columns, m.mapChannels());
    }

    /** The name of the vertex of a graph with attention whose output is the map it attends over. */
    private static String mapVertex(ComputationGraph graph) {
        return graph.getConfiguration().getVertexInputs().get(ATTENTION).get(1);
    }

    /**
     * The type of the {@code tokens} input as DL4J's shape inference needs it: it sizes the
     * embedding's input from the type, so the type states the vocabulary, though the input holds
     * one id per step ({@code [batch, 1, steps]}).
     */
    private static InputType tokensType(int words) {
        return InputType.recurrent(words);
    }

    /** The embedding, the recurrent layers and the softmax over words, reading the image features {@code from}. */
    private static void addDecoder(ComputationGraphConfiguration.GraphBuilder g, CaptionConfig.Model m, int words,
                                   String from, String map, InputType.InputTypeConvolutional mapType) {
        g.addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(words).nOut(m.embeddingSize()).build(), TOKENS);
        String read = "embed";
        if (m.wordDropout() > 0) {
            g.addVertex(WORD_DROPOUT, new WordDropoutVertex(m.wordDropout()), read);
            read = WORD_DROPOUT;
        }
        List<String> inputs = new ArrayList<>(List.of(read));
        if (m.featureSize() > 0) {
            g.addVertex("features-every-step", new DuplicateToTimeSeriesVertex(TOKENS), from);
            inputs.add("features-every-step");
        }
        if (m.layoutAttention()) {
            g.addVertex(LAYOUT, new SpatialAttentionVertex(m.embeddingSize(), mapType.getChannels(),
                    mapType.getHeight() * mapType.getWidth(), m.attentionSize(), true), read, map);
            inputs.add(LAYOUT);
        }
        String previous = read;
        if (inputs.size() > 1) {
            g.addVertex("merge", new MergeVertex(), inputs.toArray(new String[0]));
            previous = "merge";
        }
        for (int i = 0; i < m.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = Networks.recurrentLayer(m.cell()).nOut(m.hiddenSize());
            if (m.dropout() > 0) {
                layer.dropOut(new Dropout(1.0 - m.dropout()));
            }
            g.addLayer("rnn-" + i, layer.build(), previous);
            previous = "rnn-" + i;
        }
        if (m.attentionSize() > 0) {
            g.addVertex(ATTENTION, new SpatialAttentionVertex(m.hiddenSize(), mapType.getChannels(),
                    mapType.getHeight() * mapType.getWidth(), m.attentionSize()), previous, map);
            g.addVertex("read", new MergeVertex(), previous, ATTENTION);
            previous = "read";
        }
        if (m.outputHiddenSize() > 0) {
            // wrapped rather than left to a preprocessor, which reshapes by the minibatch size of
            // an earlier pass when held-out batches are smaller
            g.addLayer("hidden", new TimeDistributed(new DenseLayer.Builder().nOut(m.outputHiddenSize())
                    .activation(Activation.RELU).build(), RNNFormat.NCW), previous);
            previous = "hidden";
        }
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(new LossSparseMCXENT()).activation(Activation.SOFTMAX)
                .nOut(words);
        if (m.dropout() > 0) {
            out.dropOut(new Dropout(1.0 - m.dropout()));
        }
        g.addLayer(OUTPUT, out.build(), previous);
        g.setOutputs(OUTPUT);
    }

    /**
     * The decoder of a trained graph on its own, the graph's decoder parameters copied. Its inputs
     * are what {@link #encode} returns, then {@code tokens}: the image features ({@code [batch,
     * feature-size]}) and, with attention, the last convolution map.
     */
    public static ComputationGraph decoder(ComputationGraph trained, CaptionConfig.Model m, int imageRows,
                                           int imageColumns, int channels, int words) {
        if ((trained.getVertex(ATTENTION) != null) != (m.attentionSize() > 0)) {
            throw new IllegalArgumentException("the model " + (m.attentionSize() > 0 ? "has no" : "has an")
                    + " attention vertex but its configuration says model.attention-size = " + m.attentionSize()
                    + "; the model and its config.conf do not belong together");
        }
        InputType.InputTypeConvolutional mapType = m.attentionSize() == 0 ? null
                : (InputType.InputTypeConvolutional) trained.getConfiguration().getLayerActivationTypes(
                        InputType.convolutional(imageRows, imageColumns, channels), tokensType(words))
                        .get(mapVertex(trained));
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(Training.defaults())
                .graphBuilder();
        List<String> inputs = new ArrayList<>();
        List<InputType> types = new ArrayList<>();
        if (m.featureSize() > 0) {
            inputs.add(FEATURES);
            types.add(InputType.feedForward(m.featureSize()));
        }
        if (m.attentionSize() > 0) {
            inputs.add(MAP);
            types.add(mapType);
        }
        inputs.add(TOKENS);
        types.add(tokensType(words));
        g.addInputs(inputs.toArray(new String[0])).setInputTypes(types.toArray(new InputType[0]));
        addDecoder(g, m, words, FEATURES, MAP, mapType);
        ComputationGraph decoder = new ComputationGraph(g.build());
        decoder.init();
        for (GraphVertex vertex : decoder.getVertices()) {
            if (vertex.numParams() > 0) {
                vertex.params().assign(trained.getVertex(vertex.getVertexName()).params());
            }
        }
        return decoder;
    }

    /**
     * What the decoder reads of a batch of images ({@code [batch, channels, rows, columns]}): the
     * image features (unless {@code model.feature-size} is 0) and, with attention, the last
     * convolution map, in the decoder's input order. The first is what the nearest-neighbour
     * baseline in feature space compares.
     */
    public static INDArray[] encode(ComputationGraph trained, CaptionConfig.Model m, INDArray images) {
        INDArray oneStep = Nd4j.zeros(images.dataType(), images.size(0), 1, 1);
        trained.clearLayerMaskArrays();
        Map<String, INDArray> activations = trained.feedForward(new INDArray[] {images, oneStep}, false);
        List<INDArray> encoded = new ArrayList<>();
        if (m.featureSize() > 0) {
            encoded.add(activations.get(FEATURES));
        }
        if (m.attentionSize() > 0) {
            encoded.add(activations.get(mapVertex(trained)));
        }
        return encoded.toArray(new INDArray[0]);
    }

    /** The names of the graph's layers in topological order (for messages and tests). */
    static List<String> layerNames(ComputationGraph graph) {
        List<String> names = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            names.add(layer.conf().getLayer().getLayerName());
        }
        return names;
    }
}
