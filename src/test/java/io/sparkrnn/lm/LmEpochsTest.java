package io.sparkrnn.lm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The language model's evaluation history, as a checkpoint carries it to a resumed run. */
class LmEpochsTest {
    @Test
    void historyRoundTripKeepsSamplesTimesAndNaN() {
        EpochMetrics m = new EpochMetrics(1, 1, 3, Double.NaN, 1.9, 0.4, 500, 1.0, 3000, 4.5, 0.7,
                "sample\n\"text\"", null);
        LmEpochs.History h = new LmEpochs.History(List.of(m), 0.5, 0.25);
        LmEpochs.History back = LmEpochs.fromJson(LmEpochs.toJson(h), "test");
        assertEquals(1, back.epochs().size());
        assertTrue(Double.isNaN(back.epochs().get(0).trainLoss()), "NaN survives the round trip");
        assertEquals(m.sample(), back.epochs().get(0).sample());
        assertEquals(0.5, back.evaluationSeconds());
        assertEquals(0.25, back.samplingSeconds());
    }

    @Test
    void foreignJsonIsRefusedWithItsOrigin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LmEpochs.fromJson("[1]".getBytes(), "file:/run/checkpoints/x.ckpt"));
        assertTrue(e.getMessage().startsWith("file:/run/checkpoints/x.ckpt: not an evaluation history"),
                e.getMessage());
    }
}
