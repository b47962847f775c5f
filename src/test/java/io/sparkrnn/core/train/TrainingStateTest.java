package io.sparkrnn.core.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The position a resumed fit continues from, its evaluation mark, and the state's round trip through JSON. */
class TrainingStateTest {
    private static RoundStats round(int epoch, int r) {
        return new RoundStats(epoch, r, 3, 10, 1.5, 2.0 - 0.1 * r, 1.5 * r);
    }

    private static TrainingState start(long seed) {
        BatchFiles.Written w = new BatchFiles.Written();
        w.partition = 0;
        w.files = 30;
        w.lastFileSize = 16;
        w.examples = 480;
        BatchFiles files = new BatchFiles("file:/w", 16, 100, new BatchFiles.Written[]{w, new BatchFiles.Written(),
                new BatchFiles.Written(), new BatchFiles.Written()});
        return TrainingState.start(3, 2, files, seed);
    }

    @Test
    void positionMovesThroughRoundsAndEpochs() {
        TrainingState s = start(42);
        assertEquals(1, s.nextEpoch());
        assertEquals(0, s.nextRound());
        s = s.withRound(round(1, 1)).withRound(round(1, 2));
        assertEquals(1, s.nextEpoch(), "two of three rounds done: epoch 1 continues");
        assertEquals(2, s.nextRound());
        s = s.withRound(round(1, 3));
        assertEquals(2, s.nextEpoch(), "all rounds done: the next epoch starts");
        assertEquals(0, s.nextRound());
        assertEquals(3, s.roundsOf(1).size());
        assertEquals(4.5, s.trainingSeconds());
        assertEquals(4, s.exportPartitions(), "the export's partitions, empty ones counted");
        assertEquals(30, s.files());
        assertEquals(480, s.examples());
    }

    @Test
    void anEvaluationCountsOnlyAtThePositionItWasMadeAt() {
        TrainingState s = start(42).withRound(round(1, 1));
        assertFalse(s.isEvaluated(1));
        s = s.evaluated();
        assertTrue(s.isEvaluated(1), "evaluated after round 1 of epoch 1 (a time limit stopped it there)");
        s = s.withRound(round(1, 2));
        assertFalse(s.isEvaluated(1), "a resumed partial epoch that trained more is evaluated again");
    }

    @Test
    void jsonRoundTripKeepsEverythingIncludingNaN() {
        TrainingState s = start(-7).withRound(new RoundStats(1, 1, 3, 10, 1.5, Double.NaN, 1.5)).evaluated();
        TrainingState back = TrainingState.fromJson(s.toJson(), "test");
        assertEquals(1, back.rounds().size());
        assertTrue(Double.isNaN(back.rounds().get(0).loss()), "NaN survives the round trip: " + s.toJson());
        assertEquals(s.epoch(), back.epoch());
        assertEquals(s.roundsDone(), back.roundsDone());
        assertEquals(-7, back.seed());
        assertEquals(4, back.exportPartitions());
        assertTrue(back.isEvaluated(1));
    }

    @Test
    void foreignJsonIsRefusedWithItsOrigin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingState.fromJson("[1, 2]", "hdfs://nn/run/checkpoints/x.ckpt"));
        assertTrue(e.getMessage().startsWith("hdfs://nn/run/checkpoints/x.ckpt: not a training state"), e.getMessage());
    }
}
