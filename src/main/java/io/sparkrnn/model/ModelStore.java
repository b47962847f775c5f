package io.sparkrnn.model;

import io.sparkrnn.data.Vocabulary;
import io.sparkrnn.io.Storage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Saves and loads a trained language model: {@code model.zip} (DL4J's format, with the
 * updater state so training can continue) and {@code vocabulary.json} side by side. A model
 * is useless without its vocabulary, so they are always written and read together.
 */
public final class ModelStore {
    public static final String MODEL_FILE = "model.zip";
    public static final String VOCABULARY_FILE = "vocabulary.json";

    private ModelStore() {
    }

    /** A network with the vocabulary its input and output are indexed by. */
    public record Loaded(MultiLayerNetwork net, Vocabulary vocabulary) {
    }

    public static void save(Storage storage, String dir, MultiLayerNetwork net, Vocabulary vocabulary)
            throws IOException {
        storage.writeAtomically(dir + "/" + MODEL_FILE, toBytes(net));
        storage.writeString(dir + "/" + VOCABULARY_FILE, vocabulary.toJson());
    }

    /**
     * Loads from a run's output folder, or from the path of a {@code model.zip} whose
     * vocabulary lies beside it.
     */
    public static Loaded load(Storage storage, String uri) throws IOException {
        String dir = uri.endsWith(".zip") ? uri.substring(0, Math.max(0, uri.lastIndexOf('/'))) : trim(uri);
        String model = uri.endsWith(".zip") ? uri : dir + "/" + MODEL_FILE;
        String vocabulary = dir + "/" + VOCABULARY_FILE;
        for (String required : new String[]{model, vocabulary}) {
            if (!storage.exists(required)) {
                throw new FileNotFoundException(required + " does not exist: --model must name the output "
                        + "folder of a training run (holding " + MODEL_FILE + " and " + VOCABULARY_FILE
                        + ") or its " + MODEL_FILE);
            }
        }
        MultiLayerNetwork net = fromBytes(storage.readBytes(model));
        Vocabulary vocab = Vocabulary.fromJson(storage.readString(vocabulary), vocabulary);
        long outputs = net.layerSize(net.getnLayers() - 1);
        if (outputs != vocab.size()) {
            throw new IOException(model + " predicts " + outputs + " tokens but " + vocabulary + " has "
                    + vocab.size() + ": they come from different runs");
        }
        return new Loaded(net, vocab);
    }

    /** DL4J's zip format in memory, updater state included. */
    public static byte[] toBytes(MultiLayerNetwork net) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, out, true);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MultiLayerNetwork fromBytes(byte[] bytes) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), true);
        } catch (IOException e) {
            throw new UncheckedIOException("not a DL4J model file", e);
        }
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
