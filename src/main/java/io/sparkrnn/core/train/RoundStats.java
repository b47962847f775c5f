package io.sparkrnn.core.train;

/**
 * One averaging round as the driver saw it: when it ended, how many tokens the workers fitted
 * and their mean training loss (nats per token) at the end of the round.
 */
public record RoundStats(int epoch, int round, int roundsInEpoch, long tokens, double seconds,
                         double loss, double elapsedTrainingSeconds) {
}
