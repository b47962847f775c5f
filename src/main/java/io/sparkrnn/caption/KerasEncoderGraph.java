package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.nn.FrozenPretrained;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DL4J side of {@link KerasEncoder}: the import, the vertices a cut needs, the layers'
 * training settings in the bigger graph, and shape inference for other image sizes.
 */
final class KerasEncoderGraph {
    private static final String DEFAULT_KERAS_VERSION = "2.2.4";
    private static final String DEFAULT_BACKEND = "tensorflow";

    private KerasEncoderGraph() {
    }

    /** An imported network and the image input its file states ([rows, columns, channels] and layout). */
    record Imported(ComputationGraph graph, InputType.InputTypeConvolutional input) {
    }

    /**
     * Imports a local Keras HDF5 file as a graph: a functional model as it is, a Sequential one
     * as the functional model it stands for ({@link KerasConfig#asFunctional}), its layer names kept. The configuration is read here and given to
     * DL4J as JSON with the Keras version and backend (Keras 2 and TensorFlow when the file
     * does not say) and float settings as floats ({@link KerasConfig#forImport}).
     */
    static Imported importGraph(Path local, String source) throws IOException {
        String file = local.toString();
        String config = KerasHdf5.rootAttribute(file, KerasHdf5.MODEL_CONFIG);
        if (config == null) {
            throw new DataException(source + ": no model_config attribute; expected a whole Keras model saved with "
                    + "model.save('file.h5') (a file from save_weights holds weights only)");
        }
        JsonNode stated = new ObjectMapper().readTree(config);
        JsonNode modelConfig = KerasConfig.asFunctional(stated);
        String version = orDefault(KerasHdf5.rootAttribute(file, "keras_version"),
                stated.path("keras_version").asText(DEFAULT_KERAS_VERSION));
        if (!version.startsWith("2.")) {
            throw new DataException(source + ": keras_version '" + version + "'; expected a Keras 2 file (Keras 3's "
                    + ".keras files and Keras 1 files are not read)");
        }
        String backend = orDefault(KerasHdf5.rootAttribute(file, "backend"),
                stated.path("backend").asText(DEFAULT_BACKEND));
        String json = KerasConfig.forImport(modelConfig, version, backend).toString();
        try {
            var builder = new KerasModel().modelBuilder().modelJson(json).weightsHdf5Filename(file)
                    .enforceTrainingConfig(false);
            return new Imported(builder.buildModel().getComputationGraph(), inputType(modelConfig, source));
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException e) {
            throw new DataException(source + ": DL4J's Keras import cannot read it: " + e.getMessage());
        }
    }

    /**
     * The image input a Keras configuration states: the {@code batch_input_shape} of its input
     * layer, channels last unless a layer says {@code channels_first}.
     */
    static InputType.InputTypeConvolutional inputType(JsonNode modelConfig, String source) {
        JsonNode layers = KerasConfig.layers(modelConfig);
        JsonNode shape = layers.path(0).path("config").path("batch_input_shape");
        if (!KerasConfig.isSequential(modelConfig)) {
            String name = modelConfig.path("config").path("input_layers").path(0).path(0).asText();
            for (JsonNode l : layers) {
                if (KerasConfig.name(l).equals(name)) {
                    shape = l.path("config").path("batch_input_shape");
                }
            }
        }
        if (shape.size() != 4 || !shape.get(1).isNumber() || !shape.get(2).isNumber() || !shape.get(3).isNumber()) {
            throw new DataException(source + ": input shape " + shape + "; expected an image input of fixed size "
                    + "[batch, rows, columns, channels] (save the Keras model with input_shape=(rows, columns, 3))");
        }
        boolean channelsFirst = modelConfig.toString().contains("\"data_format\":\"channels_first\"");
        long a = shape.get(1).asLong();
        long b = shape.get(2).asLong();
        long c = shape.get(3).asLong();
        return channelsFirst
                ? (InputType.InputTypeConvolutional) InputType.convolutional(b, c, a, CNN2DFormat.NCHW)
                : (InputType.InputTypeConvolutional) InputType.convolutional(a, b, c, CNN2DFormat.NHWC);
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    /** The vertices (not the inputs) in DL4J's topological order. */
    static List<String> layerNames(ComputationGraph graph) {
        List<String> names = new ArrayList<>();
        for (int i : graph.topologicalSortOrder()) {
            GraphVertex v = graph.getVertices()[i];
            if (!v.isInputVertex()) {
                names.add(v.getVertexName());
            }
        }
        return names;
    }

    /** The vertices that {@code cut} depends on, itself included and the inputs not, in topological order. */
    static List<String> needed(ComputationGraph graph, String cut) {
        Set<String> needed = new HashSet<>();
        Deque<GraphVertex> todo = new ArrayDeque<>(List.of(graph.getVertex(cut)));
        while (!todo.isEmpty()) {
            GraphVertex v = todo.pop();
            if (!v.isInputVertex() && needed.add(v.getVertexName()) && v.getInputVertices() != null) {
                for (VertexIndices in : v.getInputVertices()) {
                    todo.push(graph.getVertices()[in.getVertexIndex()]);
                }
            }
        }
        List<String> ordered = new ArrayList<>(layerNames(graph));
        ordered.retainAll(needed);
        return ordered;
    }

    /**
     * A copy of an imported layer for the bigger graph. Trainable: its imported updater,
     * regularisation and clipping are cleared, so the graph's own (the project's updater, L2 and
     * clipping) apply. Frozen: wrapped in {@link FrozenPretrained}, with a no-op updater and a zero
     * L2, which the graph's settings do not replace (they fill only what a layer leaves unset).
     * Either way the dropout that keeps every unit, which DL4J's import gives every layer and
     * whose backward pass fails on convolutions, is removed.
     */
    static Layer trainingCopy(Layer imported, boolean frozen) {
        Layer layer = imported.clone();
        if (layer.getIDropout() instanceof Dropout d && d.getP() == 1.0 && d.getPSchedule() == null) {
            layer.setIDropout(null);
        }
        if (layer instanceof BaseLayer b) {
            if (frozen) {
                b.setIUpdater(new NoOp());
                b.setBiasUpdater(new NoOp());
                b.setRegularization(zeroL2());
                b.setRegularizationBias(zeroL2());
            } else {
                b.setIUpdater(null);
                b.setBiasUpdater(null);
                b.setRegularization(new ArrayList<>());
                b.setRegularizationBias(new ArrayList<>());
                b.setGradientNormalization(null);
                b.setGradientNormalizationThreshold(Double.NaN);
            }
        }
        return frozen ? new FrozenPretrained(layer) : layer;
    }

    private static List<Regularization> zeroL2() {
        return new ArrayList<>(List.of(new L2Regularization(0.0)));
    }

    /**
     * The encoder's output type for channels-first images of that size, found by building it
     * alone. DL4J sizes a window larger than its input (a 7 x 7 pooling of a 3 x 3 map) as one
     * output and runs it, where Keras stops; such a size is rejected here, naming the layer.
     */
    static InputType outputType(KerasEncoder encoder, long height, long width) {
        InputType image = InputType.convolutional(height, width, encoder.inputChannels());
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("image");
        String out = encoder.addTo(g, "image", false);
        g.setOutputs(out).setInputTypes(image);
        String problem;
        try {
            ComputationGraphConfiguration conf = g.build();
            Map<String, InputType> types = conf.getLayerActivationTypes(image);
            problem = windowTooLarge(conf, types);
            if (problem == null) {
                return types.get(out);
            }
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        throw new DataException(encoder.source() + " cut at '" + encoder.cutLayer() + "': images of " + height
                + " x " + width + " do not fit: " + problem + " (the network was built for " + encoder.inputHeight()
                + " x " + encoder.inputWidth() + ")");
    }

    /** The first layer whose unpadded window ("valid" in Keras) is larger than the map it gets, or null. */
    private static String windowTooLarge(ComputationGraphConfiguration conf, Map<String, InputType> types) {
        for (Map.Entry<String, org.deeplearning4j.nn.conf.graph.GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv) || conf.getVertexInputs().get(e.getKey()).size() != 1) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            int[] kernel;
            int[] padding;
            int[] dilation;
            ConvolutionMode mode;
            if (layer instanceof ConvolutionLayer c) {
                kernel = c.getKernelSize();
                padding = c.getPadding();
                dilation = c.getDilation();
                mode = c.getConvolutionMode();
            } else if (layer instanceof SubsamplingLayer p) {
                kernel = p.getKernelSize();
                padding = p.getPadding();
                dilation = p.getDilation();
                mode = p.getConvolutionMode();
            } else {
                continue;
            }
            if (mode == ConvolutionMode.Same || mode == ConvolutionMode.Causal
                    || !(types.get(conf.getVertexInputs().get(e.getKey()).get(0))
                    instanceof InputType.InputTypeConvolutional in)) {
                continue;
            }
            long[] size = {in.getHeight(), in.getWidth()};
            for (int d = 0; d < 2; d++) {
                long window = kernel[d] + (long) (kernel[d] - 1) * (dilation[d] - 1);
                if (size[d] + 2L * padding[d] < window) {
                    return "layer '" + e.getKey() + "' has a " + kernel[0] + " x " + kernel[1] + " window and gets a "
                            + size[0] + " x " + size[1] + " map";
                }
            }
        }
        return null;
    }

    /** The position of a vertex in the graph's topological order (for a forward pass that stops there). */
    static int position(ComputationGraph graph, String vertex) {
        int index = graph.getVertex(vertex).getVertexIndex();
        int[] order = graph.topologicalSortOrder();
        for (int i = 0; i < order.length; i++) {
            if (order[i] == index) {
                return i;
            }
        }
        throw new IllegalStateException("vertex '" + vertex + "' is not in the topological order");
    }
}
