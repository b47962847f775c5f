package io.sparkrnn.forecast;

import io.sparkrnn.core.train.ModelBytes;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A fitted forecasting network of either strategy behind one call, so the backtest, the final
 * fit and the forecast tool need not know which: a {@link MultiLayerNetwork} with one output
 * unit per step (direct), or the encoder-decoder {@link ComputationGraph} (seq2seq), whose
 * second input, the one-hot position of each of the H decoder steps, is made here.
 */
public final class ForecastNetwork {
    private final MultiLayerNetwork direct;
    private final ComputationGraph graph;
    /** The decoder's step input for one window, the same for every forecast. */
    private final INDArray oneWindowSteps;

    private ForecastNetwork(MultiLayerNetwork direct, ComputationGraph graph, int horizon) {
        this.direct = direct;
        this.graph = graph;
        this.oneWindowSteps = graph == null ? null : steps(1, horizon);
    }

    public static ForecastNetwork of(MultiLayerNetwork net) {
        return new ForecastNetwork(net, null, 0);
    }

    /** @param horizon H, the decoder's steps */
    public static ForecastNetwork of(ComputationGraph graph, int horizon) {
        return new ForecastNetwork(null, graph, horizon);
    }

    /** Reads DL4J's model.zip of either kind (the kind is told by its configuration). */
    public static ForecastNetwork fromBytes(byte[] zip, int horizon) {
        try {
            if (isGraph(zip)) {
                return of(ModelBytes.graphFromBytes(zip), horizon);
            }
            return of(ModelBytes.fromBytes(zip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] toBytes() {
        return direct != null ? ModelBytes.toBytes(direct) : ModelBytes.toBytes(graph);
    }

    public Model model() {
        return direct != null ? direct : graph;
    }

    public boolean seq2seq() {
        return graph != null;
    }

    /** The H scaled, transformed outputs for one input window {@code [1, channels, L]}. */
    public double[] forecast(INDArray input) {
        if (direct != null) {
            return direct.output(input).toDoubleVector();
        }
        return graph.output(input, oneWindowSteps)[0].ravel().toDoubleVector();
    }

    /** The decoder's input: the one-hot position of each of the H steps, {@code [batch, H, H]}. */
    public static INDArray steps(int batch, int horizon) {
        INDArray steps = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, horizon, horizon);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < horizon; h++) {
                steps.putScalar(new int[]{b, h, h}, 1f);
            }
        }
        return steps;
    }

    private static boolean isGraph(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("configuration.json")) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"vertices\"");
                }
            }
        }
        return false;
    }
}
