package io.sparkrnn.lm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPlanTest {

    @ParameterizedTest(name = "{0} tokens, T = {1}, context {2}")
    @CsvSource({"2,1,0", "11,5,0", "12,5,0", "13,5,0", "101,100,0", "250,100,0", "7,100,0", "1000,7,0",
        "2,1,3", "11,5,3", "13,5,5", "14,5,7", "101,100,50", "250,100,50", "7,100,50", "1000,7,20", "1000,50,50"})
    void everyTargetIsScoredExactlyOnce(long tokens, int t, int context) {
        WindowPlan plan = new WindowPlan(tokens, t, context);
        int[] scored = new int[(int) tokens];
        for (long k = 0; k < plan.windows(); k++) {
            long start = plan.start(k);
            assertTrue(start >= 0 && start + plan.length() <= tokens - 1,
                    "window " + k + " starts at " + start + " and overruns " + tokens + " tokens");
            if (k > 0) {
                assertTrue(plan.scoredFrom(k) >= Math.min(context, plan.length() - 1),
                        "window " + k + " scores from step " + plan.scoredFrom(k) + ", before " + context
                                + " steps of context");
            }
            for (int s = plan.scoredFrom(k); s < plan.length(); s++) {
                scored[(int) (start + s + 1)]++;
            }
        }
        assertEquals(0, scored[0], "the first token has no previous token, so it is never a target");
        for (int g = 1; g < tokens; g++) {
            assertEquals(1, scored[g], "target at position " + g + " scored " + scored[g] + " times");
        }
    }

    @Test
    void shortStreamGetsOneShorterWindow() {
        WindowPlan plan = new WindowPlan(7, 100);
        assertEquals(1, plan.windows());
        assertEquals(6, plan.length(), "a 7-token stream has 6 targets");
    }

    @Test
    void lastWindowIsMovedBackAndMarksOnlyNewTargets() {
        WindowPlan plan = new WindowPlan(13, 5);
        assertEquals(3, plan.windows());
        assertEquals(0, plan.start(0));
        assertEquals(5, plan.start(1));
        assertEquals(7, plan.start(2), "last window ends on the last token 12");
        assertEquals(3, plan.scoredFrom(2), "targets 8..10 belong to window 1 already");
    }

    @Test
    void contextWindowsOverlapByTheContext() {
        WindowPlan plan = new WindowPlan(1000, 50, 50);
        assertEquals(100, plan.length(), "50 steps of context and 50 scored");
        assertEquals(19, plan.windows(), "window 0 scores 100 targets, the other 18 score 50 each (the last partly)");
        assertEquals(50, plan.start(1));
        assertEquals(50, plan.scoredFrom(1));
        assertEquals(899, plan.start(18), "last window ends on the last token 999");
    }

    @ParameterizedTest(name = "{0} tokens, T = {1}, context {2}")
    @CsvSource({"13,5,0", "13,5,3", "40,4,9", "30,5,5"})
    void windowsOfVisitsEveryWindowHoldingAPosition(long tokens, int t, int context) {
        WindowPlan plan = new WindowPlan(tokens, t, context);
        for (long g = 0; g < tokens; g++) {
            List<Long> expected = new ArrayList<>();
            for (long k = 0; k < plan.windows(); k++) {
                if (g >= plan.start(k) && g <= plan.start(k) + plan.length()) {
                    expected.add(k);
                }
            }
            List<Long> visited = new ArrayList<>();
            long position = g;
            plan.windowsOf(g, (w, offset) -> {
                visited.add(w);
                assertEquals(position - plan.start(w), offset, "offset of " + position + " in window " + w);
            });
            assertEquals(expected, visited, "windows holding position " + g);
        }
    }

    @Test
    void aSingleTokenHasNoTarget() {
        assertThrows(IllegalArgumentException.class, () -> new WindowPlan(1, 10));
    }
}
