package io.sparkrnn.core.train;

/**
 * One averaging round as the driver saw it: when it ended, how many examples (sequences,
 * windows) the workers fitted, and their mean training loss at the end of the round (divided by
 * the fit's loss scale: the language model's is per token).
 */
public record RoundStats(int epoch, int round, int roundsInEpoch, long examples, double seconds,
                         double loss, double elapsedTrainingSeconds) {
}
