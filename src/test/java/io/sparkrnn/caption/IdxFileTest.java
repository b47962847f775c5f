package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The IDX reader on the real sample and on files broken in each way the reader names. */
class IdxFileTest {
    static final Path TRAIN_IMAGES = Path.of("data-samples/fashion-mnist-sample-train-images-idx3-ubyte.gz");
    static final Path TRAIN_LABELS = Path.of("data-samples/fashion-mnist-sample-train-labels-idx1-ubyte.gz");
    static final Path TEST_IMAGES = Path.of("data-samples/fashion-mnist-sample-test-images-idx3-ubyte.gz");
    static final Path TEST_LABELS = Path.of("data-samples/fashion-mnist-sample-test-labels-idx1-ubyte.gz");

    @TempDir
    Path dir;

    @Test
    void theSampleHasSixtyTrainingAndTwentyTestItemsOfEachDefaultClass() {
        for (var part : List.of(List.of(TRAIN_IMAGES, TRAIN_LABELS, 60), List.of(TEST_IMAGES, TEST_LABELS, 20))) {
            FashionItems items = FashionItems.load((Path) part.get(0), (Path) part.get(1));
            int perClass = (Integer) part.get(2);
            Map<Integer, List<Integer>> by = items.positionsByClass();
            assertEquals(FashionClasses.DEFAULT, List.copyOf(by.keySet()), "classes in " + part.get(0));
            by.forEach((c, positions) -> assertEquals(perClass, positions.size(),
                    "items of class " + c + " in " + part.get(0)));
            assertEquals(7 * perClass, items.size(), "items in " + part.get(0));
        }
    }

    @Test
    void whatIsWrittenReadsBackAndTheSameItemsGiveTheSameBytes() throws IOException {
        byte[] pixels = new byte[5 * 28 * 28];
        new Random(3).nextBytes(pixels);
        byte[] labels = {9, 0, 3, 3, 8};
        Path a = dir.resolve("a-images.gz");
        Path b = dir.resolve("b-images.gz");
        IdxFile.writeImages(a, new IdxFile.Images("x", 28, 28, pixels));
        IdxFile.writeImages(b, new IdxFile.Images("y", 28, 28, pixels.clone()));
        IdxFile.writeLabels(dir.resolve("labels.gz"), labels);
        IdxFile.Images read = IdxFile.readImages(a);
        assertEquals(List.of(5, 28, 28), List.of(read.count(), read.rows(), read.columns()), "count, rows, columns");
        assertArrayEquals(pixels, read.pixels(), "pixels read back");
        assertArrayEquals(Arrays.copyOfRange(pixels, 3 * 784, 4 * 784), read.item(3), "item 3");
        assertArrayEquals(labels, IdxFile.readLabels(dir.resolve("labels.gz")), "labels read back");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "two writes of the same images");
    }

    @Test
    void aLabelFileReadAsImagesIsRefusedByItsMagicNumber() {
        String m = assertThrows(DataException.class, () -> IdxFile.readImages(TRAIN_LABELS)).getMessage();
        assertTrue(m.startsWith(TRAIN_LABELS.toString()) && m.contains("magic number 0x00000803 expected")
                && m.contains("found 0x00000801"), m);
        String l = assertThrows(DataException.class, () -> IdxFile.readLabels(TRAIN_IMAGES)).getMessage();
        assertTrue(l.contains("0x00000801 expected") && l.contains("found 0x00000803"), l);
    }

    @Test
    void aTruncatedPlainFileSaysHowMuchWasPromisedAndFound() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxFile.IMAGES_MAGIC);
        out.writeInt(10);
        out.writeInt(28);
        out.writeInt(28);
        out.write(new byte[5 * 784]);
        Path file = dir.resolve("short-images-idx3-ubyte");
        Files.write(file, bytes.toByteArray());
        String m = assertThrows(DataException.class, () -> IdxFile.readImages(file)).getMessage();
        assertTrue(m.startsWith(file.toString()) && m.contains("truncated") && m.contains("10 images of 28x28")
                && m.contains("7,840 bytes after the header") && m.contains("holds 3,920"), m);
    }

    @Test
    void aCutGzipFileIsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(TRAIN_IMAGES);
        Path file = dir.resolve("cut-images-idx3-ubyte.gz");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        String m = assertThrows(DataException.class, () -> IdxFile.readImages(file)).getMessage();
        assertTrue(m.startsWith(file.toString()) && m.contains("truncated") && m.contains("420 images of 28x28"), m);
    }

    @Test
    void bytesBeyondTheHeaderSizesAreRefused() throws IOException {
        byte[] plain = new byte[8 + 12 + 3];
        plain[2] = 8;
        plain[3] = 1;
        plain[7] = 12;
        Path longer = dir.resolve("longer-labels-idx1-ubyte");
        Files.write(longer, plain);
        String m = assertThrows(DataException.class, () -> IdxFile.readLabels(longer)).getMessage();
        assertTrue(m.startsWith(longer.toString()) && m.contains("3 byte(s) beyond the 12 labels"), m);
    }

    @Test
    void aMissingFileOrAHeaderCutShortIsNamed() throws IOException {
        Path none = dir.resolve("none.gz");
        String m = assertThrows(DataException.class, () -> IdxFile.readImages(none)).getMessage();
        assertTrue(m.startsWith(none.toString()) && m.contains("no such file"), m);
        Path stub = dir.resolve("stub");
        Files.write(stub, new byte[]{0, 0, 8, 3, 0, 0});
        String h = assertThrows(DataException.class, () -> IdxFile.readImages(stub)).getMessage();
        assertTrue(h.startsWith(stub.toString()) && h.contains("ends inside its IDX header"), h);
    }

    @Test
    void imagesAndLabelsOfDifferentCountsDoNotPair() {
        String m = assertThrows(DataException.class, () -> FashionItems.load(TRAIN_IMAGES, TEST_LABELS)).getMessage();
        assertTrue(m.contains("140 labels") && m.contains("420 images") && m.contains(TEST_LABELS.toString()), m);
    }

    @Test
    void aLabelAboveNineIsRefusedWithItsPosition() throws IOException {
        byte[] labels = new byte[420];
        labels[17] = 12;
        Path file = dir.resolve("bad-labels.gz");
        IdxFile.writeLabels(file, labels);
        String m = assertThrows(DataException.class, () -> FashionItems.load(TRAIN_IMAGES, file)).getMessage();
        assertTrue(m.contains("label 12 at position 17"), m);
    }
}
