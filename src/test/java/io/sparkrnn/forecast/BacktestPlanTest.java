package io.sparkrnn.forecast;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walk-forward folds: where the origins fall and what each may train on. */
class BacktestPlanTest {
    @Test
    void airlineStyleSplitGivesThirtySixOneStepOrigins() {
        // 144 months (1949-01..1960-12); test on the last 36: origins at positions 107..142.
        List<BacktestPlan.Fold> folds = BacktestPlan.folds(144, 107, 1, 1, BacktestPlan.Window.EXPANDING, 0, 1);
        assertEquals(36, folds.size());
        assertEquals(107, folds.get(0).origin());
        assertEquals(142, folds.get(35).origin(), "the last origin leaves exactly one value to forecast");
        for (BacktestPlan.Fold f : folds) {
            assertEquals(0, f.trainStart());
            assertEquals(f.origin() + 1, f.trainLength(), "expanding: everything up to the origin, nothing after");
            assertTrue(f.refit());
        }
    }

    @Test
    void slidingWindowsAndRefittingEveryNthFold() {
        List<BacktestPlan.Fold> folds = BacktestPlan.folds(20, 9, 2, 3, BacktestPlan.Window.SLIDING, 6, 2);
        // Origins 9, 11, 13, 15 (15 + 3 = 18 <= 19; 17 + 3 = 20 > 19).
        assertEquals(List.of(9, 11, 13, 15), folds.stream().map(BacktestPlan.Fold::origin).toList());
        assertEquals(List.of(4, 6, 8, 10), folds.stream().map(BacktestPlan.Fold::trainStart).toList());
        assertEquals(List.of(true, false, true, false), folds.stream().map(BacktestPlan.Fold::refit).toList());
        folds.forEach(f -> assertEquals(6, f.trainLength()));
        assertEquals(0, BacktestPlan.folds(20, 2, 1, 1, BacktestPlan.Window.SLIDING, 6, 1).get(0).trainStart(),
                "a window longer than the history starts at the beginning");
    }

    @Test
    void noRoomForAForecastMeansNoFoldsAndBadSettingsAreRefused() {
        assertTrue(BacktestPlan.folds(10, 8, 1, 2, BacktestPlan.Window.EXPANDING, 0, 1).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> BacktestPlan.folds(10, 2, 0, 1, BacktestPlan.Window.EXPANDING, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> BacktestPlan.folds(10, 2, 1, 1, BacktestPlan.Window.SLIDING, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> BacktestPlan.folds(10, -1, 1, 1, BacktestPlan.Window.EXPANDING, 0, 1));
    }
}
