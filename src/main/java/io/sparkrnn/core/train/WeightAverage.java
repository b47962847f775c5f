package io.sparkrnn.core.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An exponential moving average of a network's parameters, updated after every averaging round
 * (Polyak averaging). Late in a run the parameters of consecutive rounds scatter around a
 * minimum with the noise of the minibatches; their average sits nearer its centre and usually
 * validates better than the last of them, at the cost of one copy of the parameters on the
 * driver. With a time constant of N rounds each update moves the average by 1/N of the way.
 */
public final class WeightAverage {
    private final int rounds;
    private INDArray mean;
    private long updates;

    /** @param rounds the time constant in averaging rounds (at least 1; 1 = the last parameters) */
    public WeightAverage(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("time constant of the weight average must be >= 1 round, got " + rounds);
        }
        this.rounds = rounds;
    }

    /** Takes the parameters after one more round in; the first call starts the average at them. */
    public void update(INDArray params) {
        if (mean == null) {
            mean = params.dup('c').reshape(1, params.length());
        } else {
            double w = 1.0 / rounds;
            mean.muli(1 - w).addi(params.reshape(1, params.length()).mul(w));
        }
        updates++;
    }

    /** Rounds taken in so far. */
    public long updates() {
        return updates;
    }

    /**
     * A copy of {@code net} holding the averaged parameters ({@code net} itself is left as it is),
     * or a plain copy before the first update.
     */
    @SuppressWarnings("unchecked")
    public <M extends Model> M applyTo(M net) {
        Model copy = net instanceof ComputationGraph g ? ModelBytes.graphFromBytes(ModelBytes.toBytes(g))
                : ModelBytes.fromBytes(ModelBytes.toBytes((MultiLayerNetwork) net));
        if (mean != null) {
            if (mean.length() != copy.numParams()) {
                throw new IllegalStateException("the weight average has " + mean.length()
                        + " parameters, the network " + copy.numParams());
            }
            copy.setParams(mean.dup());
        }
        return (M) copy;
    }

    /** The average for a checkpoint: the number of updates and the parameters. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(updates);
            out.writeBoolean(mean != null);
            if (mean != null) {
                Nd4j.write(mean, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores an average written by {@link #toBytes()}, with the time constant of the current run. */
    public static WeightAverage fromBytes(int rounds, byte[] bytes) {
        WeightAverage a = new WeightAverage(rounds);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            a.updates = in.readLong();
            if (in.readBoolean()) {
                a.mean = Nd4j.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a weight average written by this job: " + e.getMessage(), e);
        }
        return a;
    }
}
