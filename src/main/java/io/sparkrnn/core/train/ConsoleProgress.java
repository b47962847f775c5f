package io.sparkrnn.core.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The progress a person follows on the driver's console: epoch, averaging round, current
 * training loss, throughput and an estimate of the time left. Lines come at most every
 * {@code intervalSeconds} so that fast rounds do not flood the console.
 */
public final class ConsoleProgress implements TrainingProgress {
    private static final Logger LOG = LoggerFactory.getLogger("io.sparkrnn.progress");

    private final int epochs;
    private final long tokensPerEpoch;
    private final double limitSeconds;
    private final double charactersPerToken;
    private final double intervalSeconds;
    private double lastPrinted = -1;
    private long tokensDone;
    private long tokensSinceLine;
    private double secondsSinceLine;

    /**
     * @param limitSeconds training time limit, 0 for none
     */
    public ConsoleProgress(int epochs, long tokensPerEpoch, double limitSeconds, double charactersPerToken,
                           double intervalSeconds) {
        this.epochs = epochs;
        this.tokensPerEpoch = tokensPerEpoch;
        this.limitSeconds = limitSeconds;
        this.charactersPerToken = charactersPerToken;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void roundDone(RoundStats r) {
        tokensDone += r.tokens();
        tokensSinceLine += r.tokens();
        secondsSinceLine += r.seconds();
        boolean last = r.round() == r.roundsInEpoch();
        if (lastPrinted >= 0 && r.elapsedTrainingSeconds() - lastPrinted < intervalSeconds && !last) {
            return;
        }
        double rate = tokensSinceLine / Math.max(secondsSinceLine, 1e-9);
        LOG.info(String.format(Locale.ROOT,
                "epoch %d/%d  round %d/%d  loss %.3f nats/token  %,.0f chars/s  trained %s  left ~%s",
                r.epoch(), epochs, r.round(), r.roundsInEpoch(), r.loss(), rate * charactersPerToken,
                duration(r.elapsedTrainingSeconds()), duration(remaining(r))));
        lastPrinted = r.elapsedTrainingSeconds();
        tokensSinceLine = 0;
        secondsSinceLine = 0;
    }

    private double remaining(RoundStats r) {
        double secondsPerToken = r.elapsedTrainingSeconds() / Math.max(tokensDone, 1);
        double left = ((double) tokensPerEpoch * epochs - tokensDone) * secondsPerToken;
        if (limitSeconds > 0) {
            left = Math.min(left, Math.max(0, limitSeconds - r.elapsedTrainingSeconds()));
        }
        return Math.max(0, left);
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
