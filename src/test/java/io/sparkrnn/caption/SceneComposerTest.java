package io.sparkrnn.caption;

import io.sparkrnn.caption.SceneCombination.Relation;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Where the items go, what the caption says, and the PNG. */
class SceneComposerTest {
    /** An item whose every pixel tells where it is, so a flip or a shift shows. */
    private static byte[] pattern(int base) {
        byte[] item = new byte[28 * 28];
        for (int i = 0; i < item.length; i++) {
            item[i] = (byte) (base + i % 97 + 1);
        }
        return item;
    }

    /** What the scene holds at (row, column): 'A', 'B' or '0' for background, checked pixel by pixel. */
    private static void assertLayout(byte[] scene, byte[] a, byte[] b, int aTop, int aLeft, int bTop, int bLeft) {
        int wrong = 0;
        String first = null;
        for (int r = 0; r < 56; r++) {
            for (int c = 0; c < 56; c++) {
                byte expected = 0;
                if (r >= aTop && r < aTop + 28 && c >= aLeft && c < aLeft + 28) {
                    expected = a[(r - aTop) * 28 + c - aLeft];
                } else if (r >= bTop && r < bTop + 28 && c >= bLeft && c < bLeft + 28) {
                    expected = b[(r - bTop) * 28 + c - bLeft];
                }
                if (scene[r * 56 + c] != expected) {
                    wrong++;
                    first = first == null ? "(" + r + "," + c + ") is " + scene[r * 56 + c] + ", expected " + expected
                            : first;
                }
            }
        }
        assertEquals(0, wrong, wrong + " of 3,136 pixels misplaced, first " + first);
    }

    @Test
    void leftOfPutsAInRows14To41OfTheLeftHalfAndBBesideIt() {
        byte[] a = pattern(0);
        byte[] b = pattern(100);
        assertLayout(SceneComposer.compose(a, b, Relation.LEFT_OF), a, b, 14, 0, 14, 28);
        assertArrayEquals(new int[]{14, 0}, SceneComposer.corner(Relation.LEFT_OF, true), "corner of A");
        assertArrayEquals(new int[]{14, 28}, SceneComposer.corner(Relation.LEFT_OF, false), "corner of B");
    }

    @Test
    void abovePutsAInColumns14To41OfTheTopHalfAndBBelowIt() {
        byte[] a = pattern(0);
        byte[] b = pattern(100);
        assertLayout(SceneComposer.compose(a, b, Relation.ABOVE), a, b, 0, 14, 28, 14);
        assertArrayEquals(new int[]{28, 14}, SceneComposer.corner(Relation.ABOVE, false), "corner of B");
    }

    @Test
    void anItemOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SceneComposer.compose(new byte[783], pattern(0),
                Relation.ABOVE));
    }

    @Test
    void captionsAndGroupsSayTheItemsInOrderWithTheirArticles() {
        assertEquals("an ankle boot left of a bag", new SceneCombination(9, Relation.LEFT_OF, 8).caption());
        assertEquals("a t-shirt above a sneaker", new SceneCombination(0, Relation.ABOVE, 7).caption());
        assertEquals("a bag above an ankle boot", new SceneCombination(8, Relation.ABOVE, 9).caption());
        assertEquals("sneaker|left of|bag", new SceneCombination(7, Relation.LEFT_OF, 8).group());
        assertEquals(98, SceneCombination.all(FashionClasses.DEFAULT).size(), "combinations of the 7 default classes");
        assertEquals(List.of("t-shirt", "trouser", "dress", "sandal", "sneaker", "bag", "ankle boot"),
                FashionClasses.DEFAULT.stream().map(FashionClasses::name).toList());
    }

    @Test
    void thePngIsEightBitGrayWithTheSamePixelsAndTheSameBytesEachTime() throws IOException {
        byte[] scene = SceneComposer.compose(pattern(0), pattern(100), Relation.LEFT_OF);
        byte[] png = SceneComposer.png(scene);
        assertArrayEquals(png, SceneComposer.png(scene.clone()), "two encodings of one scene");
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(List.of(56, 56, BufferedImage.TYPE_BYTE_GRAY), List.of(read.getWidth(), read.getHeight(),
                read.getType()), "width, height, type");
        byte[] back = (byte[]) read.getRaster().getDataElements(0, 0, 56, 56, null);
        assertArrayEquals(scene, back, "pixels read back from the PNG");
    }
}
