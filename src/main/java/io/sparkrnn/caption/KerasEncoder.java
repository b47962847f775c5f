package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.nn.ChannelOrder;
import io.sparkrnn.nn.FrozenPretrained;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretrained image encoder from a Keras HDF5 file ({@code model.encoder = keras:URI}): the
 * network is imported with DL4J's Keras import, cut at a named layer (everything after it
 * dropped), and its layers are added to a bigger graph whose image input is channels first
 * ({@code [batch, channels, rows, columns]}, pixels as the file's network expects them,
 * 0..1 for MobileNetV2 from {@code jobs/fetch-pretrained-encoder.sh}).
 *
 * <p>Keras networks are channels last; their imported layers stay so, with one
 * {@link ChannelOrder} vertex in front ({@code enc/nhwc}) and, when the cut leaves a feature map,
 * one behind ({@code enc/nchw}), so the caller sees {@code [batch, channels, rows, columns]}
 * maps or {@code [batch, size]} vectors. Every vertex is named {@code enc/} and its Keras name.
 *
 * <p>Frozen layers are wrapped in {@link FrozenPretrained} with a no-op updater and zero
 * regularisation: they run as at inference (batch normalisation on its running statistics, no
 * dropout), pass no gradient back, and neither the project's updater, its L2 nor parameter
 * averaging moves them. DL4J's own frozen wrappers fail here (see {@link FrozenPretrained}).
 */
public final class KerasEncoder {
    /** The prefix of every vertex the encoder adds. */
    public static final String PREFIX = "enc/";

    private final String source;
    private final ComputationGraph imported;
    private final String input;
    private final String cutLayer;
    private final List<String> kept;
    private final InputType.InputTypeConvolutional inputType;
    private final InputType cutType;
    /** Normalisation vertices a frozen copy folds into their convolutions, each to its convolution. */
    private final Map<String, String> folds;

    private KerasEncoder(String source, KerasEncoderGraph.Imported file, String cutLayer) {
        this.source = source;
        this.imported = file.graph();
        this.cutLayer = cutLayer;
        ComputationGraphConfiguration conf = imported.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new DataException(source + ": the network has inputs " + conf.getNetworkInputs()
                    + "; an image encoder needs exactly one (the image)");
        }
        this.input = conf.getNetworkInputs().get(0);
        if (!conf.getVertices().containsKey(cutLayer)) {
            throw new DataException(source + ": no layer '" + cutLayer + "' to cut at; its layers are "
                    + String.join(", ", KerasEncoderGraph.layerNames(imported)));
        }
        this.kept = KerasEncoderGraph.needed(imported, cutLayer);
        this.inputType = file.input();
        this.cutType = conf.getLayerActivationTypes(inputType).get(cutLayer);
        this.folds = BatchNormFolding.pairs(conf, kept);
    }

    /** Reads a Keras HDF5 file from a local path or a Hadoop URI (hdfs:, s3a:, file:) and cuts it at {@code cutLayer}. */
    public static KerasEncoder read(String uri, String cutLayer) throws IOException {
        return read(Storage.local(), uri, cutLayer);
    }

    /** As {@link #read(String, String)}, through the job's storage (its Hadoop configuration). */
    public static KerasEncoder read(Storage storage, String uri, String cutLayer) throws IOException {
        if (!storage.exists(uri)) {
            throw new DataException(uri + ": no such file (expected a Keras HDF5 model, such as the mobilenet_v2.h5 "
                    + "that jobs/fetch-pretrained-encoder.sh writes)");
        }
        // HDF5 reads local files only: a copy of a remote file, removed once imported.
        Path local = Files.createTempFile("keras-encoder-", ".h5");
        try {
            try (InputStream in = storage.open(uri)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            return new KerasEncoder(uri, KerasEncoderGraph.importGraph(local, uri), cutLayer);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    public String cutLayer() {
        return cutLayer;
    }

    /** Every layer of the imported network, cut or not, in DL4J's order (the names {@code --cut} accepts). */
    public List<String> layerNames() {
        return KerasEncoderGraph.layerNames(imported);
    }

    /** The input the file's network was built for (MobileNetV2: 224 x 224 x 3). */
    public long inputHeight() {
        return inputType.getHeight();
    }

    public long inputWidth() {
        return inputType.getWidth();
    }

    public long inputChannels() {
        return inputType.getChannels();
    }

    /** The number of parameters up to the cut layer (batch-normalisation statistics included). */
    public long numParams() {
        long n = 0;
        for (String v : kept) {
            if (imported.getVertex(v).hasLayer()) {
                n += imported.getLayer(v).numParams();
            }
        }
        return n;
    }

    /**
     * Adds the encoder's vertices to {@code g}, reading channels-first images from {@code imageInput};
     * returns the name of the vertex whose output is the encoder's ({@link #outputType}). Frozen,
     * batch normalisation is folded into the convolution before it ({@link BatchNormFolding}), so
     * those normalisation vertices are not in {@code g}.
     */
    public String addTo(ComputationGraphConfiguration.GraphBuilder g, String imageInput, boolean frozen) {
        ComputationGraphConfiguration conf = imported.getConfiguration();
        Map<String, String> folded = frozen ? folds : Map.of();
        Map<String, String> renamed = new HashMap<>();
        renamed.put(input, imageInput);
        if (inputType.getFormat() == CNN2DFormat.NHWC) {
            g.addVertex(PREFIX + "nhwc", new PreprocessorVertex(ChannelOrder.toChannelsLast()), imageInput);
            renamed.put(input, PREFIX + "nhwc");
        }
        for (String v : kept) {
            if (folded.containsKey(v)) {
                renamed.put(v, renamed.get(folded.get(v)));
                continue;
            }
            renamed.put(v, PREFIX + v);
            String[] inputs = conf.getVertexInputs().get(v).stream().map(renamed::get).toArray(String[]::new);
            GraphVertex vertex = conf.getVertices().get(v);
            if (vertex instanceof LayerVertex lv) {
                Layer original = lv.getLayerConf().getLayer();
                Layer layer = KerasEncoderGraph.trainingCopy(folded.containsValue(v)
                        ? BatchNormFolding.withBias(original) : original, frozen);
                g.addLayer(PREFIX + v, layer, lv.getPreProcessor() == null ? null : lv.getPreProcessor().clone(),
                        inputs);
            } else {
                g.addVertex(PREFIX + v, vertex.clone(), inputs);
            }
        }
        String out = renamed.get(cutLayer);
        if (channelsLastMap(cutType)) {
            g.addVertex(PREFIX + "nchw", new PreprocessorVertex(ChannelOrder.toChannelsFirst()), out);
            out = PREFIX + "nchw";
        }
        return out;
    }

    /**
     * The type of the encoder's output for channels-first images of {@code height} x {@code width}:
     * a feature map (convolutional, channels first) or a vector (feed-forward), or an error
     * naming the layer that cannot take images of that size.
     */
    public InputType outputType(long height, long width) {
        return KerasEncoderGraph.outputType(this, height, width);
    }

    /**
     * Copies the imported parameters (batch-normalisation running statistics included) into the
     * encoder's layers of {@code target}, a graph built with {@link #addTo} and initialised.
     */
    public void copyParamsInto(ComputationGraph target) {
        Map<String, String> convToNorm = new HashMap<>();
        folds.forEach((norm, conv) -> convToNorm.put(conv, norm));
        for (String v : kept) {
            if (!imported.getVertex(v).hasLayer() || imported.getLayer(v).numParams() == 0
                    || folds.containsKey(v) && target.getVertex(PREFIX + v) == null) {
                continue;
            }
            if (target.getVertex(PREFIX + v) == null || !target.getVertex(PREFIX + v).hasLayer()) {
                throw new IllegalArgumentException("the graph has no layer '" + PREFIX + v + "'; build it with "
                        + "KerasEncoder.addTo first");
            }
            org.deeplearning4j.nn.api.Layer to = target.getLayer(PREFIX + v);
            String norm = convToNorm.get(v);
            if (norm != null && target.getVertex(PREFIX + norm) == null) {
                BatchNormFolding.copyFolded(imported, v, norm, to);
                continue;
            }
            INDArray params = imported.getLayer(v).params();
            if (to.numParams() != params.length()) {
                throw new IllegalArgumentException("layer '" + PREFIX + v + "' has " + to.numParams()
                        + " parameters, the imported '" + v + "' of " + source + " has " + params.length());
            }
            to.setParams(params.dup());
        }
    }

    /** The imported network's output at the cut for channels-first images (for checks and tests). */
    public INDArray output(INDArray images) {
        INDArray in = inputType.getFormat() == CNN2DFormat.NHWC ? images.permute(0, 2, 3, 1).dup('c') : images;
        int stop = KerasEncoderGraph.position(imported, cutLayer);
        INDArray out = imported.feedForward(new INDArray[] {in}, stop, false, true).get(cutLayer);
        return channelsLastMap(cutType) ? out.permute(0, 3, 1, 2).dup('c') : out;
    }

    private static boolean channelsLastMap(InputType type) {
        return type instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NHWC;
    }

    String source() {
        return source;
    }
}
