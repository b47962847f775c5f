package io.sparkrnn.caption;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.sparkrnn.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.sparkrnn.caption.IdxFileTest.TEST_IMAGES;
import static io.sparkrnn.caption.IdxFileTest.TEST_LABELS;
import static io.sparkrnn.caption.IdxFileTest.TRAIN_IMAGES;
import static io.sparkrnn.caption.IdxFileTest.TRAIN_LABELS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scene data set made from the real Fashion-MNIST sample of data-samples/. */
class ComposeScenesTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private Path compose(String name, String... extra) {
        return compose(name, 7, extra);
    }

    private Path compose(String name, long seed, String... extra) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("--images", TRAIN_IMAGES.toString(), "--labels",
                TRAIN_LABELS.toString(), "--test-images", TEST_IMAGES.toString(), "--test-labels",
                TEST_LABELS.toString(),
                "--output", out.toString(), "--train", "400", "--test", "120", "--seed", String.valueOf(seed)));
        args.addAll(List.of(extra));
        int code = new CommandLine(new ComposeScenes()).execute(args.toArray(String[]::new));
        assertEquals(0, code, console.err());
        return out;
    }

    private static List<String[]> rows(Path out) throws IOException {
        CsvParserSettings s = new CsvParserSettings();
        s.setHeaderExtractionEnabled(false);
        List<String[]> all = new CsvParser(s).parseAll(Files.newBufferedReader(out.resolve("captions.csv")));
        assertArrayEquals(new String[]{"image", "caption", "group", "split"}, all.get(0), "header");
        return all.subList(1, all.size());
    }

    private static List<String> files(Path out) throws IOException {
        try (Stream<Path> all = Files.walk(out)) {
            return all.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void theSameSeedGivesTheSameFilesByteForByte() throws IOException {
        Path a = compose("a");
        Path b = compose("b");
        List<String> names = files(a);
        assertEquals(names, files(b), "file names of two runs");
        assertEquals(520 + 2, names.size(), "scenes, captions.csv and held-out.txt");
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n);
        }
        String table = Files.readString(a.resolve("captions.csv"));
        compose("a", "--overwrite");
        assertEquals(names, files(a), "file names after overwriting with the same seed");
        assertEquals(table, Files.readString(a.resolve("captions.csv")), "table after overwriting with the same seed");
        Path seed8 = compose("d", 8);
        assertNotEquals(Files.readString(a.resolve("held-out.txt")), Files.readString(seed8.resolve("held-out.txt")),
                "held-out combinations of seeds 7 and 8");
    }

    @Test
    void testScenesShowOnlyHeldOutCombinationsAndTrainingCoversEveryClassInEveryPosition() throws IOException {
        Path out = compose("s");
        Set<String> heldOut = new TreeSet<>(Files.readAllLines(out.resolve("held-out.txt"), StandardCharsets.UTF_8));
        assertEquals(15, heldOut.size(), "held-out combinations: " + heldOut);
        Set<String> trainGroups = new HashSet<>();
        Set<String> testGroups = new HashSet<>();
        int train = 0;
        for (String[] r : rows(out)) {
            assertEquals(r[1], caption(r[2]), "caption of " + r[0] + " against its group");
            if (r[3].equals("train")) {
                train++;
                trainGroups.add(r[2]);
            } else {
                assertEquals("test", r[3], "split of " + r[0]);
                testGroups.add(r[2]);
            }
        }
        assertEquals(400, train, "training rows");
        Set<String> leaked = new TreeSet<>(trainGroups);
        leaked.retainAll(heldOut);
        assertEquals(Set.of(), leaked, leaked.size() + " held-out combinations in training");
        assertTrue(heldOut.containsAll(testGroups), "test groups " + testGroups + " outside " + heldOut);
        assertEquals(15, testGroups.size(), "held-out combinations that 120 test scenes show");
        Set<String> positions = new TreeSet<>();
        for (String g : trainGroups) {
            String[] p = g.split("\\|");
            positions.add(p[0] + " as A of " + p[1]);
            positions.add(p[2] + " as B of " + p[1]);
        }
        assertEquals(7 * 2 * 2, positions.size(), "class-position-relation triples in training: " + positions);
    }

    /** The caption a group stands for: "sneaker|left of|bag" is "a sneaker left of a bag". */
    private static String caption(String group) {
        String[] p = group.split("\\|");
        return article(p[0]) + " " + p[1] + " " + article(p[2]);
    }

    private static String article(String name) {
        return (name.equals("ankle boot") ? "an " : "a ") + name;
    }

    @Test
    void eachItemIsWhereTheCaptionSaysAndComesFromItsSplitsFile() throws IOException {
        Path out = compose("p");
        Map<String, String> train = byPixels(FashionItems.load(TRAIN_IMAGES, TRAIN_LABELS));
        Map<String, String> test = byPixels(FashionItems.load(TEST_IMAGES, TEST_LABELS));
        int checked = 0;
        for (String[] r : rows(out)) {
            BufferedImage image = ImageIO.read(out.resolve("images").resolve(r[0]).toFile());
            byte[] scene = (byte[]) image.getRaster().getDataElements(0, 0, 56, 56, null);
            String[] p = r[2].split("\\|");
            SceneCombination.Relation relation = p[1].equals("above") ? SceneCombination.Relation.ABOVE
                    : SceneCombination.Relation.LEFT_OF;
            Map<String, String> own = r[3].equals("test") ? test : train;
            Map<String, String> otherSplit = r[3].equals("test") ? train : test;
            for (int k = 0; k < 2; k++) {
                String key = key(cut(scene, SceneComposer.corner(relation, k == 0)));
                assertEquals(p[2 * k], own.get(key), r[0] + ": item " + (k == 0 ? "A" : "B") + " of '" + r[1]
                        + "' is not a " + p[2 * k] + " of the " + r[3] + " items");
                assertTrue(!otherSplit.containsKey(key), r[0] + ": an item of the other split");
                checked++;
            }
        }
        assertEquals(2 * 520, checked, "items checked");
    }

    private static byte[] cut(byte[] scene, int[] corner) {
        byte[] item = new byte[28 * 28];
        for (int r = 0; r < 28; r++) {
            System.arraycopy(scene, (corner[0] + r) * 56 + corner[1], item, r * 28, 28);
        }
        return item;
    }

    private static Map<String, String> byPixels(FashionItems items) {
        Map<String, String> by = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            by.put(key(items.pixels(i)), FashionClasses.name(items.label(i)));
        }
        return by;
    }

    private static String key(byte[] pixels) {
        return Base64.getEncoder().encodeToString(pixels);
    }

    @Test
    void withoutTestFilesTheLastSeventhOfTheItemsIsTheTestSet() {
        FashionItems all = FashionItems.load(TRAIN_IMAGES, TRAIN_LABELS);
        int cut = all.size() - all.size() / 7;
        var held = HeldOutCombinations.choose(FashionClasses.DEFAULT, 15, 3);
        var scenes = ScenePlan.plan(all.range(0, cut), all.range(cut, all.size()), FashionClasses.DEFAULT, held,
                200, 50, 3);
        for (ScenePlan.Scene s : scenes) {
            boolean inTest = s.itemA() >= cut && s.itemB() >= cut;
            boolean inTrain = s.itemA() < cut && s.itemB() < cut;
            assertTrue(s.test() ? inTest : inTrain, "scene " + s + " with the split at " + cut);
            assertEquals(s.test(), held.contains(s.combination()), "scene " + s.number() + " against the held-out set");
        }
        assertEquals(50, scenes.stream().filter(ScenePlan.Scene::test).count(), "test scenes");
    }

    @Test
    void anEarlierOutputIsKeptUnlessOverwriteIsAsked() {
        Path out = compose("o");
        console.reset();
        int code = new CommandLine(new ComposeScenes()).execute("--images", TRAIN_IMAGES.toString(), "--labels",
                TRAIN_LABELS.toString(), "--output", out.toString(), "--train", "5", "--test", "5");
        assertEquals(3, code, "exit code");
        assertTrue(console.err().contains(out + " already holds captions.csv") && console.err().contains("--overwrite"),
                console.err());
    }
}
