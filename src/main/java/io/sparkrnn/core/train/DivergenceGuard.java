package io.sparkrnn.core.train;

import org.deeplearning4j.nn.api.Model;

import java.util.Locale;

/**
 * The divergence guard of every job: after each averaging round the loss and the averaged
 * parameters must be finite numbers. Averaging a NaN into the model and saving it would throw
 * away the run's good state, so training stops with the place and what to change instead.
 */
public final class DivergenceGuard {
    private DivergenceGuard() {
    }

    /**
     * @param where  the step just taken, e.g. "epoch 3, averaging round 12"
     * @param advice said after the standard advice (may be empty)
     * @throws TrainingDiverged when the loss or a parameter is NaN or infinite
     */
    public static void check(Model net, double loss, String where, String advice) {
        double paramSum = net.params().sumNumber().doubleValue();
        if (!Double.isFinite(loss) || !Double.isFinite(paramSum)) {
            throw new TrainingDiverged("training diverged in " + where + ": the loss is " + loss + " and the parameters "
                    + (Double.isFinite(paramSum) ? "are finite" : "hold NaN or infinite values")
                    + ". Lower training.learning-rate or set training.gradient-clip" + advice);
        }
    }

    /** After an averaging round: a failure names the epoch and round and leaves the checkpoints as they are. */
    public static void check(Model net, RoundStats round) {
        check(net, round.loss(), String.format(Locale.ROOT, "epoch %d, averaging round %d", round.epoch(),
                round.round()), ", and start again from the last checkpoint's run settings; the checkpoints written "
                + "so far are left as they are");
    }
}
