package io.sparkrnn.core.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The progress a person follows on the driver's console: epoch, averaging round, current
 * training loss, throughput in the task's own unit (characters for a language model, windows
 * or sequences otherwise) and an estimate of the time left. Lines come at most every
 * {@code intervalSeconds} so that fast rounds do not flood the console.
 */
public final class ConsoleProgress implements TrainingProgress {
    private static final Logger LOG = LoggerFactory.getLogger("io.sparkrnn.progress");

    private final String label;
    private final Units units;
    private final int epochs;
    private final long examplesPerEpoch;
    private final double limitSeconds;
    private final double intervalSeconds;
    private double lastPrinted = -1;
    private long examplesDone;
    private long examplesSinceLine;
    private double secondsSinceLine;

    /**
     * How a task counts: the unit of its throughput and how many of them one example is, and
     * what its loss is per.
     *
     * @param loss e.g. " nats/token" after the loss, or ""
     */
    public record Units(String name, double perExample, String loss) {
    }

    /**
     * @param label        said before each line ("" for none), e.g. the fit's name
     * @param limitSeconds training time limit, 0 for none
     */
    public ConsoleProgress(String label, Units units, int epochs, long examplesPerEpoch, double limitSeconds,
                           double intervalSeconds) {
        this.label = label;
        this.units = units;
        this.epochs = epochs;
        this.examplesPerEpoch = examplesPerEpoch;
        this.limitSeconds = limitSeconds;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void roundDone(RoundStats r) {
        examplesDone += r.examples();
        examplesSinceLine += r.examples();
        secondsSinceLine += r.seconds();
        boolean last = r.round() == r.roundsInEpoch();
        if (lastPrinted >= 0 && r.elapsedTrainingSeconds() - lastPrinted < intervalSeconds && !last) {
            return;
        }
        double rate = examplesSinceLine / Math.max(secondsSinceLine, 1e-9) * units.perExample();
        LOG.info(String.format(Locale.ROOT,
                "%sepoch %d/%d  round %d/%d  loss %.3f%s  %,.0f %s/s  trained %s  left ~%s", label,
                r.epoch(), epochs, r.round(), r.roundsInEpoch(), r.loss(), units.loss(), rate, units.name(),
                duration(r.elapsedTrainingSeconds()), duration(remaining(r))));
        lastPrinted = r.elapsedTrainingSeconds();
        examplesSinceLine = 0;
        secondsSinceLine = 0;
    }

    private double remaining(RoundStats r) {
        double secondsPerExample = r.elapsedTrainingSeconds() / Math.max(examplesDone, 1);
        double left = ((double) examplesPerEpoch * epochs - examplesDone) * secondsPerExample;
        if (limitSeconds > 0) {
            left = Math.min(left, Math.max(0, limitSeconds - r.elapsedTrainingSeconds()));
        }
        return Math.max(0, left);
    }

    /** A duration as a person reads it: 42s, 3m07s, 1h05m. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
