package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The held-out combinations: how many, which, and what training keeps. */
class HeldOutCombinationsTest {
    private static Set<SceneCombination> training(List<Integer> classes, Set<SceneCombination> heldOut) {
        Set<SceneCombination> t = new TreeSet<>(SceneCombination.all(classes));
        t.removeAll(heldOut);
        return t;
    }

    @Test
    void fifteenOfTheNinetyEightLeaveEveryClassInEveryPositionAndRelationForFiftySeeds() {
        assertEquals(15, HeldOutCombinations.defaultCount(98), "default count for 98 combinations");
        Set<Set<SceneCombination>> distinct = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            Set<SceneCombination> held = HeldOutCombinations.choose(FashionClasses.DEFAULT, 15, seed);
            assertEquals(15, held.size(), "held out with seed " + seed);
            List<String> gaps = HeldOutCombinations.coverageGaps(training(FashionClasses.DEFAULT, held),
                    FashionClasses.DEFAULT);
            assertEquals(List.of(), gaps, "what training misses with seed " + seed);
            distinct.add(held);
        }
        assertTrue(distinct.size() > 45, distinct.size() + " distinct held-out sets over 50 seeds");
    }

    @Test
    void theSameSeedGivesTheSameCombinations() {
        assertEquals(HeldOutCombinations.choose(FashionClasses.DEFAULT, 15, 2017),
                HeldOutCombinations.choose(FashionClasses.DEFAULT, 15, 2017));
        assertNotEquals(HeldOutCombinations.choose(FashionClasses.DEFAULT, 15, 2017),
                HeldOutCombinations.choose(FashionClasses.DEFAULT, 15, 2018));
    }

    @Test
    void aSmallClassSetStillHoldsOutTen() {
        List<Integer> three = List.of(1, 5, 8);
        assertEquals(10, HeldOutCombinations.defaultCount(18), "default count for 18 combinations");
        for (long seed = 0; seed < 20; seed++) {
            Set<SceneCombination> held = HeldOutCombinations.choose(three, 10, seed);
            assertEquals(List.of(), HeldOutCombinations.coverageGaps(training(three, held), three),
                    "gaps with seed " + seed + ", held out " + held);
        }
    }

    @Test
    void theGapsAreNamedAndTooManyIsAClearError() {
        Set<SceneCombination> onlyLeft = new TreeSet<>(SceneCombination.all(List.of(7, 8)));
        onlyLeft.removeIf(c -> c.relation() == SceneCombination.Relation.ABOVE || c.a() == 8);
        assertEquals(List.of("bag as A of left of", "sneaker as A of above", "sneaker as B of above",
                "bag as A of above", "bag as B of above"), HeldOutCombinations.coverageGaps(onlyLeft, List.of(7, 8)));
        String m = assertThrows(DataException.class, () -> HeldOutCombinations.choose(FashionClasses.DEFAULT, 90, 1))
                .getMessage();
        assertTrue(m.contains("of 98 combinations can be held out") && m.contains("asked for 90"), m);
        String two = assertThrows(DataException.class, () -> HeldOutCombinations.choose(List.of(7, 8),
                HeldOutCombinations.defaultCount(8), 1)).getMessage();
        assertTrue(two.contains("10 of 8 combinations"), two);
    }
}
