package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Which scenes to compose: for each training scene a combination drawn uniformly from the
 * training combinations and two items of its classes drawn from the training items; for each
 * test scene the same from the held-out combinations and the test items. The two draws have
 * seeds of their own, derived from the one seed, so that asking for more test scenes leaves
 * the training scenes as they were. A scene of A = B takes two different items where the
 * class has more than one.
 */
public final class ScenePlan {
    private static final long TRAIN_STREAM = 0x9E3779B97F4A7C15L;
    private static final long TEST_STREAM = 0xC2B2AE3D27D4EB4FL;

    private ScenePlan() {
    }

    /** One scene: its number (from 1), what it shows, and the file positions of its two items. */
    public record Scene(int number, SceneCombination combination, boolean test, int itemA, int itemB) {
        /** The image's file name: scene-000001.png. */
        public String fileName() {
            return String.format(Locale.ROOT, "scene-%06d.png", number);
        }
    }

    /** The training scenes, numbered 1..count, then the test scenes numbered on. */
    public static List<Scene> plan(FashionItems train, FashionItems test, List<Integer> classes,
                                   Set<SceneCombination> heldOut, int trainCount, int testCount, long seed) {
        List<SceneCombination> training = new ArrayList<>();
        List<SceneCombination> testing = new ArrayList<>();
        for (SceneCombination c : SceneCombination.all(classes)) {
            (heldOut.contains(c) ? testing : training).add(c);
        }
        List<Scene> scenes = new ArrayList<>(trainCount + testCount);
        draw(scenes, train, training, trainCount, false, new Random(seed ^ TRAIN_STREAM), classes);
        draw(scenes, test, testing, testCount, true, new Random(seed ^ TEST_STREAM), classes);
        return scenes;
    }

    private static void draw(List<Scene> scenes, FashionItems items, List<SceneCombination> combinations, int count,
                             boolean test, Random random, List<Integer> classes) {
        if (count == 0) {
            return;
        }
        Map<Integer, List<Integer>> byClass = items.positionsByClass();
        for (int c : classes) {
            if (!byClass.containsKey(c)) {
                throw new DataException(items.source() + ": no " + FashionClasses.name(c) + " (label " + c + ") "
                        + "among the " + (test ? "test" : "training") + " items; every class of --classes needs items");
            }
        }
        for (int k = 0; k < count; k++) {
            SceneCombination c = combinations.get(random.nextInt(combinations.size()));
            List<Integer> as = byClass.get(c.a());
            List<Integer> bs = byClass.get(c.b());
            int a = as.get(random.nextInt(as.size()));
            int b = bs.get(random.nextInt(bs.size()));
            while (b == a && bs.size() > 1) {
                b = bs.get(random.nextInt(bs.size()));
            }
            scenes.add(new Scene(scenes.size() + 1, c, test, a, b));
        }
    }
}
