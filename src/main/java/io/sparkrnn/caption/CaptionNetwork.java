package io.sparkrnn.caption;

import io.sparkrnn.nn.Networks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

import java.util.ArrayList;
import java.util.List;

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
    public static final String OUTPUT = "out";

    private CaptionNetwork() {
    }

    /** A new, initialised graph for the configuration and a vocabulary of {@code words} tokens. */
    public static ComputationGraph create(CaptionConfig config, int words) {
        CaptionConfig.Data d = config.data();
        CaptionConfig.Model m = config.model();
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(config.training()).graphBuilder()
                .addInputs(IMAGE, TOKENS)
                .setInputTypes(InputType.convolutional(d.imageHeight(), d.imageWidth(), d.channels()),
                        tokensType(words));
        String previous = IMAGE;
        for (int i = 0; i < m.convFilters().size(); i++) {
            g.addLayer("conv-" + i, new ConvolutionLayer.Builder(3, 3).nOut(m.convFilters().get(i))
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), previous);
            g.addLayer("norm-" + i, new BatchNormalization.Builder().build(), "conv-" + i);
            g.addLayer("pool-" + i, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).build(), "norm-" + i);
            previous = "pool-" + i;
        }
        g.addLayer(FEATURES, new DenseLayer.Builder().nOut(m.featureSize()).activation(
                m.featureActivation() == CaptionConfig.FeatureActivation.RELU ? Activation.RELU : Activation.IDENTITY)
                .build(), previous);
        addDecoder(g, m, words, FEATURES);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
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
                                   String from) {
        g.addVertex("features-every-step", new DuplicateToTimeSeriesVertex(TOKENS), from);
        g.addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(words).nOut(m.embeddingSize()).build(), TOKENS);
        g.addVertex("merge", new MergeVertex(), "embed", "features-every-step");
        String previous = "merge";
        for (int i = 0; i < m.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = Networks.recurrentLayer(m.cell()).nOut(m.hiddenSize());
            if (m.dropout() > 0) {
                layer.dropOut(new Dropout(1.0 - m.dropout()));
            }
            g.addLayer("rnn-" + i, layer.build(), previous);
            previous = "rnn-" + i;
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
     * The decoder of a trained graph on its own: inputs {@code features} ({@code [batch,
     * feature-size]}) and {@code tokens}, the graph's decoder parameters copied.
     */
    public static ComputationGraph decoder(ComputationGraph trained, CaptionConfig.Model m, int words) {
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(io.sparkrnn.core.config.Training.defaults())
                .graphBuilder().addInputs(FEATURES, TOKENS)
                .setInputTypes(InputType.feedForward(m.featureSize()), tokensType(words));
        addDecoder(g, m, words, FEATURES);
        ComputationGraph decoder = new ComputationGraph(g.build());
        decoder.init();
        for (org.deeplearning4j.nn.api.Layer layer : decoder.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            layer.setParams(trained.getLayer(name).params().dup());
        }
        return decoder;
    }

    /** The image features of a batch of images ({@code [batch, channels, rows, columns]}). */
    public static INDArray features(ComputationGraph trained, INDArray images) {
        INDArray oneStep = Nd4j.zeros(images.dataType(), images.size(0), 1, 1);
        trained.clearLayerMaskArrays();
        return trained.feedForward(new INDArray[] {images, oneStep}, false).get(FEATURES);
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
