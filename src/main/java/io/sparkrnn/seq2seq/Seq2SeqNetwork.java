package io.sparkrnn.seq2seq;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.EncoderDecoder;
import io.sparkrnn.nn.Networks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoder-decoder as one DL4J graph ({@link EncoderDecoder}'s pieces, as forecasting's
 * seq2seq strategy uses them): the source tokens (input {@code source}, one id per step,
 * {@code [batch, 1, steps]}) are embedded and read by the encoder stack, and with
 * {@code model.bidirectional} the reversed source (input {@code source-backward}) by a second
 * one; the final outputs at each source's last token are the context, which is fed beside the
 * embedding of the previous target token (input {@code decoder-in}, {@code <start>} first) to
 * every step of the decoder stack, whose softmax predicts the next target token (sparse
 * labels, masked after each target's {@code <end>}).
 *
 * <p>For generation the decoder is also built on its own ({@link #decoder}), with the context
 * as its input and the trained graph's parameters, so that beam search steps the decoder
 * without running the encoder again for every token.
 */
public final class Seq2SeqNetwork {
    public static final String SOURCE = "source";
    public static final String SOURCE_BACKWARD = "source-backward";
    public static final String DECODER_IN = "decoder-in";
    public static final String CONTEXT = "context";
    public static final String OUTPUT = "out";

    private Seq2SeqNetwork() {
    }

    /** A new, initialised graph for {@code sources} source and {@code targets} target tokens. */
    public static ComputationGraph create(Seq2SeqConfig config, int sources, int targets) {
        Seq2SeqConfig.Model m = config.model();
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(config.training()).graphBuilder();
        List<String> inputs = new ArrayList<>(List.of(SOURCE));
        if (m.bidirectional()) {
            inputs.add(SOURCE_BACKWARD);
        }
        inputs.add(DECODER_IN);
        g.addInputs(inputs.toArray(new String[0]));
        List<String> contexts = new ArrayList<>();
        contexts.add(encoder(g, m, sources, SOURCE, "source-embed", "encoder",
                m.bidirectional() ? "context-forward" : CONTEXT));
        if (m.bidirectional()) {
            contexts.add(encoder(g, m, sources, SOURCE_BACKWARD, "backward-embed", "encoder-backward",
                    "context-backward"));
        }
        String context = EncoderDecoder.joined(g, CONTEXT, contexts);
        addDecoder(g, m, targets, context);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static String encoder(ComputationGraphConfiguration.GraphBuilder g, Seq2SeqConfig.Model m, int sources,
                                  String input, String embed, String prefix, String context) {
        g.addLayer(embed, new EmbeddingSequenceLayer.Builder().nIn(sources).nOut(m.embeddingSize())
                .outputDataFormat(RNNFormat.NCW).build(), input);
        String top = EncoderDecoder.stack(g, prefix, m.stack(), m.embeddingSize(), embed);
        return EncoderDecoder.context(g, context, top, input);
    }

    /** The target embedding, the decoder stack reading it with the context, and the softmax over targets. */
    private static void addDecoder(ComputationGraphConfiguration.GraphBuilder g, Seq2SeqConfig.Model m, int targets,
                                   String context) {
        g.addLayer("target-embed", new EmbeddingSequenceLayer.Builder().nIn(targets).nOut(m.embeddingSize())
                .outputDataFormat(RNNFormat.NCW).build(), DECODER_IN);
        String top = EncoderDecoder.decoder(g, "decoder", m.stack(), context, m.contextSize(), DECODER_IN,
                m.embeddingSize(), "target-embed");
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(new LossSparseMCXENT()).activation(Activation.SOFTMAX)
                .nIn(m.hiddenSize()).nOut(targets).dataFormat(RNNFormat.NCW);
        if (m.dropout() > 0) {
            out.dropOut(new Dropout(1.0 - m.dropout()));
        }
        g.addLayer(OUTPUT, out.build(), top);
        g.setOutputs(OUTPUT);
    }

    /**
     * The decoder of a trained graph on its own, its parameters copied: inputs {@code context}
     * ({@code [batch, context]}, what {@link #encode} returns) and {@code decoder-in}.
     */
    public static ComputationGraph decoder(ComputationGraph trained, Seq2SeqConfig.Model m, int targets) {
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(Training.defaults()).graphBuilder()
                .addInputs(CONTEXT, DECODER_IN);
        addDecoder(g, m, targets, CONTEXT);
        ComputationGraph decoder = new ComputationGraph(g.build());
        decoder.init();
        for (GraphVertex vertex : decoder.getVertices()) {
            if (vertex.numParams() > 0) {
                GraphVertex from = trained.getVertex(vertex.getVertexName());
                if (from == null || from.numParams() != vertex.numParams()) {
                    throw new IllegalArgumentException("the model has no layer '" + vertex.getVertexName()
                            + "' of " + vertex.numParams() + " parameters; the model and its seq2seq.json do not "
                            + "belong together");
                }
                vertex.params().assign(from.params());
            }
        }
        return decoder;
    }

    /**
     * The context of a batch of sources ({@link TeacherForcing#sources}: ids, reversed ids when
     * bidirectional, mask): {@code [batch, context]}.
     */
    public static INDArray encode(ComputationGraph trained, boolean bidirectional, INDArray[] sources) {
        int n = (int) sources[0].size(0);
        INDArray mask = sources[sources.length - 1];
        INDArray oneStep = org.nd4j.linalg.factory.Nd4j.zeros(sources[0].dataType(), n, 1, 1);
        INDArray stepMask = org.nd4j.linalg.factory.Nd4j.ones(mask.dataType(), n, 1);
        INDArray[] in = bidirectional ? new INDArray[]{sources[0], sources[1], oneStep}
                : new INDArray[]{sources[0], oneStep};
        INDArray[] masks = bidirectional ? new INDArray[]{mask, mask, stepMask} : new INDArray[]{mask, stepMask};
        INDArray context = trained.output(List.of(CONTEXT), false, in, masks)[0];
        trained.clearLayerMaskArrays();
        return context;
    }
}
