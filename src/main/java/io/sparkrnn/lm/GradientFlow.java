package io.sparkrnn.lm;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The vanishing-gradient measurement of the lecture, on real windows: the loss at the last step
 * T of a window only (a label mask hides the others), backpropagated to the network's input,
 * and the mean L2 norm of that gradient at every earlier step k, by distance T - k. How fast it
 * falls with the distance is how far back a training step can reach: for a plain RNN it
 * typically decays geometrically, while the LSTM's cell state and the GRU's update gate are
 * meant to keep it from vanishing. Measured on the input (one-hot characters) because DL4J does
 * not expose the hidden states' gradients; for the first layer they carry the same decay.
 */
public final class GradientFlow {
    private GradientFlow() {
    }

    /**
     * @param norms {@code norms[d]}: mean norm of dL_T/dx_{T-d} over the windows, d = 0 .. T-1
     */
    public record Profile(String label, double[] norms) {
        /** The norm d steps back relative to the norm at the last step (1 at d = 0). */
        public double relative(int d) {
            return norms[d] / norms[0];
        }
    }

    /**
     * Measures on a copy of {@code net} (its parameters and state are left alone).
     *
     * @param batch windows with one-hot features {@code [batch, vocabulary, T]} and their labels
     */
    public static Profile measure(String label, MultiLayerNetwork net, DataSet batch) {
        INDArray features = batch.getFeatures();
        long windows = features.size(0);
        long steps = features.size(2);
        INDArray lastStepOnly = Nd4j.zeros(features.dataType(), windows, steps);
        lastStepOnly.get(all(), point(steps - 1)).assign(1);
        MultiLayerNetwork copy = net.clone();
        INDArray eps = copy.calculateGradients(features, batch.getLabels(), null, lastStepOnly).getSecond();
        double[] norms = new double[(int) steps];
        for (long k = 0; k < steps; k++) {
            norms[(int) (steps - 1 - k)] = eps.get(all(), all(), point(k)).norm2(1).meanNumber().doubleValue();
        }
        return new Profile(label, norms);
    }

    /** Profiles by label, in the order measured. */
    public static Map<String, double[]> table(Iterable<Profile> profiles) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Profile p : profiles) {
            out.put(p.label(), p.norms());
        }
        return out;
    }
}
