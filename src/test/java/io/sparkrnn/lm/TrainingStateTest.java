package io.sparkrnn.lm;

import io.sparkrnn.core.train.RoundStats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The position a resumed run continues from, and the state's round trip through JSON. */
class TrainingStateTest {
    private static RoundStats round(int epoch, int r) {
        return new RoundStats(epoch, r, 3, 1000, 1.5, 2.0 - 0.1 * r, 1.5 * r);
    }

    private static EpochMetrics metrics(int epoch, int rounds, double trainLoss) {
        return new EpochMetrics(epoch, rounds, 3, trainLoss, 1.9, 0.4, 500, 1.0, 3000, 4.5, 0.7, "sample\n\"text\"");
    }

    @Test
    void positionMovesThroughRoundsAndEpochs() {
        TrainingState s = TrainingState.start(3, 2, 4, 30, 480, 42);
        assertEquals(1, s.nextEpoch());
        assertEquals(0, s.nextRound());
        s = s.withRound(round(1, 1), 1.5).withRound(round(1, 2), 3.0);
        assertEquals(1, s.nextEpoch(), "two of three rounds done: epoch 1 continues");
        assertEquals(2, s.nextRound());
        s = s.withRound(round(1, 3), 4.5);
        assertEquals(2, s.nextEpoch(), "all rounds done: the next epoch starts");
        assertEquals(0, s.nextRound());
        assertEquals(3, s.roundsOf(1).size());
        assertEquals(4.5, s.trainingSeconds());
    }

    @Test
    void aSecondEvaluationOfAnEpochReplacesTheFirst() {
        TrainingState s = TrainingState.start(3, 2, 4, 30, 480, 42)
                .withRound(round(1, 1), 1.5)
                .withEpoch(metrics(1, 1, 1.9), 0.5, 0.25)
                .withRound(round(1, 2), 3.0)
                .withEpoch(metrics(1, 2, 1.8), 0.5, 0.25);
        assertEquals(1, s.epochs().size(), "a partial epoch evaluated again (after a resume) has one entry");
        assertEquals(2, s.epochs().get(0).rounds());
        assertEquals(1.0, s.evaluationSeconds());
        assertEquals(0.5, s.samplingSeconds());
    }

    @Test
    void jsonRoundTripKeepsEverythingIncludingNaN() {
        TrainingState s = TrainingState.start(3, 2, 4, 30, 480, -7)
                .withRound(round(1, 1), 1.5)
                .withEpoch(metrics(1, 1, Double.NaN), 0.5, 0.25);
        TrainingState back = TrainingState.fromJson(s.toJson(), "test");
        assertEquals(s.rounds(), back.rounds());
        assertEquals(s.epoch(), back.epoch());
        assertEquals(s.roundsDone(), back.roundsDone());
        assertEquals(-7, back.seed());
        assertEquals(4, back.trainPartitions());
        assertTrue(Double.isNaN(back.epochs().get(0).trainLoss()), "NaN survives the round trip: " + s.toJson());
        assertEquals(s.epochs().get(0).sample(), back.epochs().get(0).sample());
    }

    @Test
    void foreignJsonIsRefusedWithItsOrigin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingState.fromJson("[1, 2]", "hdfs://nn/run/checkpoints/x.ckpt"));
        assertTrue(e.getMessage().startsWith("hdfs://nn/run/checkpoints/x.ckpt: not a training state"), e.getMessage());
    }
}
