package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The combinations the test scenes show and the training scenes never do: a seeded random
 * share of all combinations, drawn so that every class still appears in training in both
 * positions of both relations (A left of something, something left of A, A above something,
 * something above A). Without that rule a test caption could need a word in a place the
 * decoder never saw it, and the test would measure vocabulary, not composition.
 */
public final class HeldOutCombinations {
    /** The share held out by default. */
    public static final double SHARE = 0.15;
    /** The fewest held out by default, so that a small class set still gives a usable test. */
    public static final int MINIMUM = 10;

    private HeldOutCombinations() {
    }

    /** The default count: 15% of the combinations, rounded, at least 10 (15 of 98 for seven classes). */
    public static int defaultCount(int combinations) {
        return Math.max(MINIMUM, (int) Math.round(SHARE * combinations));
    }

    /**
     * Draws {@code count} combinations: the combinations shuffled with {@code seed}, each taken
     * in turn when the rest still cover every class in every position and relation.
     *
     * @throws DataException when no more than {@code count - 1} can be held out so
     */
    public static Set<SceneCombination> choose(List<Integer> classes, int count, long seed) {
        List<SceneCombination> all = SceneCombination.all(classes);
        if (count < 1 || count >= all.size()) {
            throw new DataException("--held-out: " + count + " of " + all.size() + " combinations; expected 1 to "
                    + (all.size() - 1));
        }
        List<SceneCombination> order = new ArrayList<>(all);
        Collections.shuffle(order, new Random(seed));
        Set<SceneCombination> heldOut = new TreeSet<>();
        Set<SceneCombination> training = new TreeSet<>(all);
        for (SceneCombination c : order) {
            if (heldOut.size() == count) {
                break;
            }
            training.remove(c);
            if (coverageGaps(training, classes).isEmpty()) {
                heldOut.add(c);
            } else {
                training.add(c);
            }
        }
        if (heldOut.size() < count) {
            throw new DataException("only " + heldOut.size() + " of " + all.size() + " combinations can be held out "
                    + "while every class keeps both positions of both relations in training; asked for " + count
                    + " (use more classes or a smaller --held-out)");
        }
        return Collections.unmodifiableSet(heldOut);
    }

    /**
     * What the training combinations miss: "sneaker as A of left of" when no training combination
     * has a sneaker left of anything; empty when every class is in every position and relation.
     */
    public static List<String> coverageGaps(Set<SceneCombination> training, List<Integer> classes) {
        List<String> gaps = new ArrayList<>();
        for (SceneCombination.Relation r : SceneCombination.Relation.values()) {
            for (int c : classes) {
                boolean asA = training.stream().anyMatch(t -> t.relation() == r && t.a() == c);
                boolean asB = training.stream().anyMatch(t -> t.relation() == r && t.b() == c);
                if (!asA) {
                    gaps.add(FashionClasses.name(c) + " as A of " + r.words());
                }
                if (!asB) {
                    gaps.add(FashionClasses.name(c) + " as B of " + r.words());
                }
            }
        }
        return gaps;
    }
}
