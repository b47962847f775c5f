package io.sparkrnn.seq2seq;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.EncoderDecoder;
import io.sparkrnn.nn.Networks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import io.sparkrnn.nn.PerStep;
import io.sparkrnn.nn.SequenceAttentionVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
 * every step of the decoder stack. With {@code model.attention} each decoder step also reads
 * the encoders' outputs at every source step (the memory, both directions side by side at each
 * position), weighted by how well they match the decoder's output at that step
 * ({@link SequenceAttentionVertex}). A softmax predicts the next target token (sparse labels,
 * masked after each target's {@code <end>}).
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
    public static final String MEMORY = "memory";
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
        String forward = encoder(g, m, sources, SOURCE, "source-embed", "encoder");
        List<String> contexts = new ArrayList<>();
        contexts.add(EncoderDecoder.context(g, m.bidirectional() ? "context-forward" : CONTEXT, forward, SOURCE));
        String memory = forward;
        if (m.bidirectional()) {
            String backward = encoder(g, m, sources, SOURCE_BACKWARD, "backward-embed", "encoder-backward");
            contexts.add(EncoderDecoder.context(g, "context-backward", backward, SOURCE_BACKWARD));
            if (m.attention()) {
                // the backward encoder's step k read source position (length - 1 - k): turned
                // round, its outputs stand beside the forward encoder's at the same position
                g.addVertex("backward-aligned", new ReverseTimeSeriesVertex(SOURCE_BACKWARD), backward);
                g.addVertex(MEMORY, new MergeVertex(), forward, "backward-aligned");
                memory = MEMORY;
            }
        }
        String context = EncoderDecoder.joined(g, CONTEXT, contexts);
        addDecoder(g, m, targets, context, m.attention() ? memory : null, SOURCE);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** The embedding of {@code input} and an encoder stack over it; returns the stack's top layer. */
    private static String encoder(ComputationGraphConfiguration.GraphBuilder g, Seq2SeqConfig.Model m, int sources,
                                  String input, String embed, String prefix) {
        g.addLayer(embed, new EmbeddingSequenceLayer.Builder().nIn(sources).nOut(m.embeddingSize())
                .outputDataFormat(RNNFormat.NCW).build(), input);
        return EncoderDecoder.stack(g, prefix, m.stack(), m.embeddingSize(), embed);
    }

    /**
     * The target embedding, the decoder stack reading it with the context, with a {@code memory}
     * (else null) the attention over it (Luong et al. 2015: the decoder's output, projected,
     * queries the memory; what it reads and the decoder's output make a tanh layer's input),
     * and the softmax over targets.
     */
    private static void addDecoder(ComputationGraphConfiguration.GraphBuilder g, Seq2SeqConfig.Model m, int targets,
                                   String context, String memory, String maskInput) {
        g.addLayer("target-embed", new EmbeddingSequenceLayer.Builder().nIn(targets).nOut(m.embeddingSize())
                .outputDataFormat(RNNFormat.NCW).build(), DECODER_IN);
        String top = EncoderDecoder.decoder(g, "decoder", m.stack(), context, m.contextSize(), DECODER_IN,
                m.embeddingSize(), "target-embed");
        if (memory != null) {
            int memorySize = m.contextSize();
            String query = PerStep.dense(g, "query", m.hiddenSize(), memorySize, Activation.IDENTITY, false, top);
            g.addVertex("attention", new SequenceAttentionVertex(maskInput), query, memory);
            g.addVertex("attended", new MergeVertex(), top, "attention");
            top = PerStep.dense(g, "attentional", m.hiddenSize() + memorySize, m.hiddenSize(), Activation.TANH, true,
                    "attended");
        }
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
     * ({@code [batch, context]}, what {@link #encode} returns first), with attention
     * {@code memory} ({@code [batch, context, source steps]}, unpadded: every step is read), and
     * {@code decoder-in}.
     */
    public static ComputationGraph decoder(ComputationGraph trained, Seq2SeqConfig.Model m, int targets) {
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(Training.defaults()).graphBuilder();
        if (m.attention()) {
            g.addInputs(CONTEXT, MEMORY, DECODER_IN);
        } else {
            g.addInputs(CONTEXT, DECODER_IN);
        }
        addDecoder(g, m, targets, CONTEXT, m.attention() ? MEMORY : null, MEMORY);
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
     * bidirectional, mask), {@code [batch, context]}, and with attention the memory, {@code
     * [batch, context, steps]} (padded as the sources are; {@link #encodedOne} cuts one source's).
     */
    public static INDArray[] encode(ComputationGraph trained, Seq2SeqConfig.Model m, INDArray[] sources) {
        boolean bidirectional = m.bidirectional();
        int n = (int) sources[0].size(0);
        INDArray mask = sources[sources.length - 1];
        INDArray oneStep = org.nd4j.linalg.factory.Nd4j.zeros(sources[0].dataType(), n, 1, 1);
        // the one decoder step needs no mask (and DL4J's reshape of a [1, 1] mask for the
        // per-step dense layers refuses it)
        INDArray stepMask = null;
        INDArray[] in = bidirectional ? new INDArray[]{sources[0], sources[1], oneStep}
                : new INDArray[]{sources[0], oneStep};
        INDArray[] masks = bidirectional ? new INDArray[]{mask, mask, stepMask} : new INDArray[]{mask, stepMask};
        List<String> outputs = m.attention() ? List.of(CONTEXT, m.bidirectional() ? MEMORY : "encoder-"
                + (m.layers() - 1)) : List.of(CONTEXT);
        INDArray[] encoded = trained.output(outputs, false, in, masks);
        trained.clearLayerMaskArrays();
        return encoded;
    }

    /**
     * What the decoder reads of source {@code i} of an {@link #encode}d batch, one row each: its
     * context, and with attention its memory up to its length ({@code mask}'s ones).
     */
    public static INDArray[] encodedOne(INDArray[] encoded, INDArray mask, int i) {
        INDArray context = encoded[0].get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()).dup();
        if (encoded.length == 1) {
            return new INDArray[]{context};
        }
        long length = mask.getRow(i).sumNumber().longValue();
        INDArray memory = encoded[1].get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                NDArrayIndex.interval(0, length)).dup();
        return new INDArray[]{context, memory};
    }
}
