package io.sparkrnn.core.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Networks as bytes in DL4J's zip format, updater state included: how every job saves
 * {@code model.zip}, puts a network into a checkpoint, broadcasts it to the executors, and
 * takes a copy the training replicas cannot touch.
 */
public final class ModelBytes {
    /** The file name of a saved network in every job's output folder. */
    public static final String MODEL_FILE = "model.zip";

    private ModelBytes() {
    }

    /** A network of either kind (stacked layers or a graph). */
    public static byte[] toBytes(org.deeplearning4j.nn.api.Model model) {
        if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
            throw new IllegalArgumentException("not a network: " + model.getClass());
        }
        return write(model);
    }

    public static MultiLayerNetwork fromBytes(byte[] bytes) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), true);
        } catch (IOException e) {
            throw new UncheckedIOException("not a DL4J model file", e);
        }
    }

    public static ComputationGraph graphFromBytes(byte[] bytes) {
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), true);
        } catch (IOException e) {
            throw new UncheckedIOException("not a DL4J computation graph file", e);
        }
    }

    private static byte[] write(org.deeplearning4j.nn.api.Model model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(model, out, true);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
