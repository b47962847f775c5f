package io.sparkrnn.caption;

import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.TableRow;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How caption rows are read and joined with their images: nothing is dropped without a rejection. */
class CaptionJoinTest {
    private static CaptionRow row(String image, String caption, String group, String split) {
        return CaptionRow.of(TableRow.row("c.csv", 1, new String[] {image, caption, group, split},
                image + "," + caption), 2, split == null ? -1 : 3);
    }

    private static CaptionFunctions.Matched join(String key, List<DecodedImage> images, List<CaptionRow> rows)
            throws Exception {
        return new CaptionFunctions.Join().call(new Tuple2<>(key, new Tuple2<>(images, rows)));
    }

    private static final DecodedImage GOOD = new DecodedImage("a.png", "file:/i/a.png", new float[] {0.5f}, null);

    @Test
    void rowsWithoutImageCaptionGroupOrAKnownSplitAreRejectedWithTheReason() {
        assertEquals("no image named", row(" ", "a cat", "g", "train").rejection().reason());
        assertEquals("no caption", row("a.png", "   ", "g", "train").rejection().reason());
        assertEquals(CaptionRow.EMPTY_CELL, row("a.png", "a cat", "", "train").rejection().kind());
        Rejection split = row("a.png", "a cat", "g", "dev").rejection();
        assertEquals(CaptionRow.BAD_SPLIT, split.kind());
        assertTrue(split.reason().contains("'dev'"), split.reason());
        CaptionRow ok = row("./a.png", " a cat ", "g", "test");
        assertTrue(ok.usable());
        assertEquals("a.png", ok.image(), "./ removed, as image keys are relative paths");
        assertEquals("a cat", ok.caption());
        assertTrue(CaptionRow.of(new TableRow(TableRow.Kind.BLANK, "c.csv", 2, null, "", null), -1, -1).skipped());
        assertEquals(Rejection.MALFORMED, CaptionRow.of(TableRow.malformed("c.csv", 3, "a,b,c", "3 cells"), -1, -1)
                .rejection().kind());
    }

    @Test
    void anImageWithItsCaptionsIsKeptWithAllOfThem() throws Exception {
        CaptionFunctions.Matched m = join("a.png", List.of(GOOD), List.of(row("a.png", "a dog", "g", "train"),
                row("a.png", "a cat", "g", "train")));
        assertEquals(List.of("a cat", "a dog"), m.image().captions());
        assertEquals("train", m.image().split());
        assertTrue(m.rejected().isEmpty());
    }

    @Test
    void imagesWithoutCaptionsCaptionsWithoutImagesUnreadableImagesAndSplitConflictsAreRejected() throws Exception {
        CaptionFunctions.Matched noImage = join("b.png", List.of(), List.of(row("b.png", "a cat", "g", null),
                row("b.png", "a dog", "g", null)));
        assertNull(noImage.image());
        assertEquals(2, noImage.rejected().size(), "one rejection per caption without its image");
        assertEquals(CaptionFunctions.NO_IMAGE, noImage.rejected().get(0).kind());

        CaptionFunctions.Matched noCaption = join("a.png", List.of(GOOD), List.of());
        assertEquals(CaptionFunctions.NO_CAPTION, noCaption.rejected().get(0).kind());

        DecodedImage broken = new DecodedImage("c.png", "file:/i/c.png", null, "is empty");
        CaptionFunctions.Matched unreadable = join("c.png", List.of(broken), List.of(row("c.png", "a cat", "g", null)));
        assertEquals(CaptionFunctions.UNREADABLE, unreadable.rejected().get(0).kind());
        assertTrue(unreadable.rejected().get(0).reason().contains("is empty (1 caption(s) name it)"),
                unreadable.rejected().get(0).reason());

        CaptionFunctions.Matched conflict = join("a.png", List.of(GOOD), List.of(row("a.png", "a cat", "g", "train"),
                row("a.png", "a dog", "g", "test")));
        assertNull(conflict.image());
        assertEquals(CaptionFunctions.CONFLICT, conflict.rejected().get(0).kind());
    }

    @Test
    void withoutAFixedSplitAGroupFallsOnOneSideForTheSameSeed() throws Exception {
        CaptionFunctions.AssignSplit split = new CaptionFunctions.AssignSplit(42, 0.2, 0.1);
        int test = 0;
        for (int g = 0; g < 2000; g++) {
            CaptionedImage a = split.call(new CaptionedImage("a" + g, "group" + g, "", new float[0], List.of("x")));
            CaptionedImage b = split.call(new CaptionedImage("b" + g, "group" + g, "", new float[0], List.of("y")));
            assertEquals(a.split(), b.split(), "both images of group" + g);
            test += a.split().equals("test") ? 1 : 0;
        }
        assertTrue(test > 330 && test < 470, test + " of 2000 groups on the test side, expected about 400");
        CaptionedImage fixed = split.call(new CaptionedImage("a", "g", "validation", new float[0], List.of("x")));
        assertEquals("validation", fixed.split(), "a fixed split is kept");
    }
}
