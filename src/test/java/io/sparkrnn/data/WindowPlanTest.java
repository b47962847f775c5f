package io.sparkrnn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPlanTest {

    @ParameterizedTest(name = "{0} tokens, T = {1}")
    @CsvSource({"2,1", "11,5", "12,5", "13,5", "101,100", "250,100", "7,100", "1000,7"})
    void everyTargetIsScoredExactlyOnce(long tokens, int t) {
        WindowPlan plan = new WindowPlan(tokens, t);
        int[] scored = new int[(int) tokens];
        for (long k = 0; k < plan.windows(); k++) {
            long start = plan.start(k);
            assertTrue(start >= 0 && start + plan.length() <= tokens - 1,
                    "window " + k + " starts at " + start + " and overruns " + tokens + " tokens");
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
    void windowsOfVisitsEveryWindowHoldingAPosition() {
        WindowPlan plan = new WindowPlan(13, 5);
        for (long g = 0; g < 13; g++) {
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
