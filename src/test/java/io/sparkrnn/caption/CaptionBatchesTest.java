package io.sparkrnn.caption;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptionBatchesTest {
    private static final CaptionVocabulary VOCABULARY = CaptionVocabulary.of(Map.of("a", 9L, "sneaker", 4L,
            "left", 4L, "of", 4L, "bag", 3L), 1, true);

    @Test
    void aBatchReadsStartThenTheWordsAndPredictsTheWordsThenEndMaskedAfterTheEnd() {
        CaptionBatches.Pair longer = new CaptionBatches.Pair(new float[] {0.1f, 0.2f}, new int[] {3, 4, 5});
        CaptionBatches.Pair shorter = new CaptionBatches.Pair(new float[] {0.3f, 0.4f}, new int[] {7});
        MultiDataSet b = CaptionBatches.batch(List.of(longer, shorter), 1, 1, 2);
        assertArrayEquals(new float[] {1, 3, 4, 5, 1, 7, 0, 0}, b.getFeatures(1).data().asFloat(),
                "<start> (1) then the words, padded with <end> (0)");
        assertArrayEquals(new float[] {3, 4, 5, 0, 7, 0, 0, 0}, b.getLabels(0).data().asFloat(),
                "the words then <end>");
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, b.getLabelsMaskArray(0).data().asFloat(),
                "every word and the end count, the padding does not");
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, b.getFeatures(0).data().asFloat());
    }

    @Test
    void wordDropoutHidesReadWordsOnlyAndIsTheSameForTheSameSeed() throws Exception {
        CaptionedImage image = new CaptionedImage("s.png", "g", "train", new float[] {0f},
                List.of("a sneaker left of a bag", "a bag left of a sneaker"));
        List<Tuple2<Long, CaptionBatches.Pair>> plain = list(new CaptionBatches.Pairs(VOCABULARY, 20, 42, 0), image);
        List<Tuple2<Long, CaptionBatches.Pair>> dropped = list(new CaptionBatches.Pairs(VOCABULARY, 20, 42, 0.5), image);
        List<Tuple2<Long, CaptionBatches.Pair>> again = list(new CaptionBatches.Pairs(VOCABULARY, 20, 42, 0.5), image);
        int hidden = 0;
        for (int i = 0; i < 2; i++) {
            CaptionBatches.Pair p = plain.get(i)._2();
            CaptionBatches.Pair d = dropped.get(i)._2();
            assertEquals(plain.get(i)._1(), dropped.get(i)._1(), "the order does not depend on word dropout");
            assertArrayEquals(p.words(), d.words(), "targets stay whole");
            assertArrayEquals(p.words(), p.read(), "without word dropout the decoder reads the words");
            assertArrayEquals(d.read(), again.get(i)._2().read(), "seeded");
            for (int t = 0; t < d.read().length; t++) {
                if (d.read()[t] != d.words()[t]) {
                    assertEquals(CaptionVocabulary.UNKNOWN_ID, d.read()[t], "a hidden word reads as <unk>");
                    hidden++;
                }
            }
        }
        assertTrue(hidden > 0 && hidden < 12, hidden + " of 12 read words hidden at p = 0.5: "
                + Arrays.toString(dropped.get(0)._2().read()) + " " + Arrays.toString(dropped.get(1)._2().read()));
    }

    private static List<Tuple2<Long, CaptionBatches.Pair>> list(CaptionBatches.Pairs f, CaptionedImage image)
            throws Exception {
        List<Tuple2<Long, CaptionBatches.Pair>> out = new ArrayList<>();
        f.call(image).forEachRemaining(out::add);
        return out;
    }
}
