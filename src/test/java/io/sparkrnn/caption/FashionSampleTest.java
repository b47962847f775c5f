package io.sparkrnn.caption;

import io.sparkrnn.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sparkrnn.caption.IdxFileTest.TEST_IMAGES;
import static io.sparkrnn.caption.IdxFileTest.TEST_LABELS;
import static io.sparkrnn.caption.IdxFileTest.TRAIN_IMAGES;
import static io.sparkrnn.caption.IdxFileTest.TRAIN_LABELS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subset tool: the first items of each class, in file order, in the original format. */
class FashionSampleTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private int sample(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--images", TRAIN_IMAGES.toString(), "--labels",
                TRAIN_LABELS.toString(), "--test-images", TEST_IMAGES.toString(), "--test-labels",
                TEST_LABELS.toString(),
                "--output", out.toString()));
        args.addAll(List.of(extra));
        return new CommandLine(new FashionSample()).execute(args.toArray(String[]::new));
    }

    @Test
    void takesTheFirstItemsOfEachClassInFileOrder() throws IOException {
        assertEquals(0, sample(dir, "--train-per-class", "5", "--test-per-class", "2", "--classes", "bag,Ankle-Boot,0"),
                console.err());
        FashionItems source = FashionItems.load(TRAIN_IMAGES, TRAIN_LABELS);
        FashionItems made = FashionItems.load(dir.resolve("fashion-mnist-sample-train-images-idx3-ubyte.gz"),
                dir.resolve("fashion-mnist-sample-train-labels-idx1-ubyte.gz"));
        List<Integer> expected = new ArrayList<>();
        for (int c : List.of(8, 9, 0)) {
            expected.addAll(source.positionsByClass().get(c).subList(0, 5));
        }
        expected.sort(null);
        assertEquals(15, made.size(), "training items written");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(source.label(expected.get(i)), made.label(i), "label of item " + i);
            assertArrayEquals(source.pixels(expected.get(i)), made.pixels(i), "pixels of item " + i + " (source "
                    + expected.get(i) + ")");
        }
        FashionItems test = FashionItems.load(dir.resolve("fashion-mnist-sample-test-images-idx3-ubyte.gz"),
                dir.resolve("fashion-mnist-sample-test-labels-idx1-ubyte.gz"));
        assertEquals(6, test.size(), "test items written");
        assertTrue(console.out().contains("train: 15 items (5 per class"), console.out());
    }

    @Test
    void theSameArgumentsGiveTheSameBytes() throws IOException {
        assertEquals(0, sample(dir.resolve("a"), "--train-per-class", "3"), console.err());
        assertEquals(0, sample(dir.resolve("b"), "--train-per-class", "3"), console.err());
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "test-images-idx3-ubyte.gz")) {
            String name = FashionSample.PREFIX + f;
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)),
                    Files.readAllBytes(dir.resolve("b").resolve(name)), name);
        }
    }

    @Test
    void tooFewItemsOfAClassOrAnUnknownClassIsACleanError() {
        assertEquals(3, sample(dir, "--train-per-class", "61"));
        assertTrue(console.err().contains("60 items of t-shirt (label 0), 61 asked for"), console.err());
        console.reset();
        assertEquals(3, sample(dir, "--classes", "bag,hat"));
        String err = console.err();
        assertTrue(err.contains("unknown class 'hat'") && err.contains("ankle boot"), err);
    }
}
