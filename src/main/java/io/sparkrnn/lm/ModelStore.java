package io.sparkrnn.lm;

import io.sparkrnn.core.train.ModelBytes;

import io.sparkrnn.core.io.Storage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Saves and loads a trained language model: {@code model.zip} (DL4J's format, with the
 * updater state so training can continue) and {@code vocabulary.json} side by side. A model
 * is useless without its vocabulary, so they are always written and read together.
 */
public final class ModelStore {
    public static final String VOCABULARY_FILE = "vocabulary.json";

    private ModelStore() {
    }

    /** A network with the vocabulary its input and output are indexed by. */
    public record Loaded(MultiLayerNetwork net, Vocabulary vocabulary) {
    }

    public static void save(Storage storage, String dir, MultiLayerNetwork net, Vocabulary vocabulary)
            throws IOException {
        storage.writeAtomically(dir + "/" + ModelBytes.MODEL_FILE, ModelBytes.toBytes(net));
        storage.writeString(dir + "/" + VOCABULARY_FILE, vocabulary.toJson());
    }

    /**
     * Loads from a run's output folder, or from the path of a {@code model.zip} whose
     * vocabulary lies beside it.
     */
    public static Loaded load(Storage storage, String uri) throws IOException {
        String dir = uri.endsWith(".zip") ? uri.substring(0, Math.max(0, uri.lastIndexOf('/'))) : trim(uri);
        String model = uri.endsWith(".zip") ? uri : dir + "/" + ModelBytes.MODEL_FILE;
        String vocabulary = dir + "/" + VOCABULARY_FILE;
        for (String required : new String[]{model, vocabulary}) {
            if (!storage.exists(required)) {
                throw new FileNotFoundException(required + " does not exist: --model must name the output "
                        + "folder of a training run (holding " + ModelBytes.MODEL_FILE + " and " + VOCABULARY_FILE
                        + ") or its " + ModelBytes.MODEL_FILE);
            }
        }
        MultiLayerNetwork net = ModelBytes.fromBytes(storage.readBytes(model));
        Vocabulary vocab = Vocabulary.fromJson(storage.readString(vocabulary), vocabulary);
        long outputs = net.layerSize(net.getnLayers() - 1);
        if (outputs != vocab.size()) {
            throw new IOException(model + " predicts " + outputs + " tokens but " + vocabulary + " has "
                    + vocab.size() + ": they come from different runs");
        }
        return new Loaded(net, vocab);
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
