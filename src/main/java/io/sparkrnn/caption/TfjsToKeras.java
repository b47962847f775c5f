package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Entry point of {@code jobs/fetch-pretrained-encoder.sh}: turns a TensorFlow.js layers model
 * (a Keras model converted by tfjs-converter, as npm packages ship pretrained networks) back
 * into the Keras HDF5 file that DL4J's Keras import and {@link KerasEncoder} read. The Keras
 * configuration is kept as it is, except that float settings written as integers become floats
 * ({@link KerasConfig}); the weights are dequantised ({@link TfjsModel}). With {@code --cut} only
 * the layers up to the named one are written, which makes small real files for tests.
 */
@Command(name = "tfjs-to-keras", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Reads MODEL/model.json and the weight shards it names and writes OUTPUT as a Keras 2 HDF5 "
            + "file (model_config, keras_version, backend, model_weights), as model.save('x.h5') would. The file is "
            + "written under a temporary name beside OUTPUT and then renamed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file was written", "2:bad command line", "3:unusable input or output"})
public final class TfjsToKeras extends DataTool {
    private static final String DEFAULT_KERAS_VERSION = "2.2.4";
    private static final String DEFAULT_BACKEND = "tensorflow";

    @Option(names = "--model", required = true, description = "Folder of the TensorFlow.js layers model: "
            + "model.json and its weight shards.")
    Path model;
    @Option(names = "--output", required = true, description = "Keras HDF5 file to write (.h5).")
    Path output;
    @Option(names = "--cut", paramLabel = "LAYER", description = "Write only the layers LAYER needs, with LAYER "
            + "as the output (default: the whole model).")
    String cut;
    @Option(names = "--overwrite", description = "Replace OUTPUT if it exists.")
    boolean overwrite;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TfjsToKeras()).execute(args));
    }

    /** Writes the file; returns the summary printed. */
    @Override
    String run() throws IOException {
        if (Files.exists(output) && !overwrite) {
            throw new DataException(output + ": exists; pass --overwrite to replace it");
        }
        TfjsModel tfjs = TfjsModel.read(model);
        int allLayers = tfjs.layerNames().size();
        if (cut != null) {
            tfjs = tfjs.cutAt(cut);
        }
        JsonNode topology = tfjs.topology();
        // TensorFlow.js writes "tfjs-layers x.y.z" for models it saved itself; their configuration is Keras 2's.
        String stated = topology.path("keras_version").asText(DEFAULT_KERAS_VERSION);
        String kerasVersion = stated.matches("[12]\\..*") ? stated : DEFAULT_KERAS_VERSION;
        String backend = topology.path("backend").asText(DEFAULT_BACKEND);
        String json = KerasConfig.forImport(tfjs.modelConfig(), kerasVersion, backend).toString();
        Map<String, List<TfjsModel.Weight>> byLayer = tfjs.weightsByLayer();
        writeAtomically(output, tmp -> KerasHdf5.write(tmp.toString(), json, kerasVersion, backend, byLayer));
        long params = tfjs.weights().stream().mapToLong(w -> w.values().length).sum();
        long withWeights = byLayer.values().stream().filter(l -> !l.isEmpty()).count();
        List<String> names = tfjs.layerNames();
        return String.format(Locale.ROOT, "wrote %s (%,d bytes): Keras %s %s model '%s', %d of %d layers (%d with "
                        + "weights), %,d parameters%ninput %s, output layer %s%n",
                output, Files.size(output), kerasVersion, KerasConfig.isSequential(tfjs.modelConfig())
                        ? "Sequential" : "functional", tfjs.modelConfig().path("config").path("name").asText("?"),
                names.size(), allLayers, withWeights, params, inputShape(tfjs), names.get(names.size() - 1));
    }

    private static String inputShape(TfjsModel tfjs) {
        JsonNode first = KerasConfig.layers(tfjs.modelConfig()).path(0).path("config");
        JsonNode shape = first.path("batch_input_shape");
        return shape.isMissingNode() ? "(not stated)" : shape.toString().replace("null", "batch");
    }

    /** Something that writes a file at the path it is given. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path path) throws IOException;
    }

    /** Writes {@code target} through a temporary sibling that is renamed over it when complete. */
    static void writeAtomically(Path target, FileWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            writer.write(tmp);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
