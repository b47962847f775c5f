package io.sparkrnn.caption;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

import java.util.ArrayList;
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
    void eachCaptionIsOnePairUnderAKeyThatDependsOnTheSeed() throws Exception {
        CaptionedImage image = new CaptionedImage("s.png", "g", "train", new float[] {0f},
                List.of("a sneaker left of a bag", "a bag left of a sneaker"));
        List<Tuple2<Long, CaptionBatches.Pair>> pairs = list(new CaptionBatches.Pairs(VOCABULARY, 20, 42), image);
        List<Tuple2<Long, CaptionBatches.Pair>> again = list(new CaptionBatches.Pairs(VOCABULARY, 20, 42), image);
        List<Tuple2<Long, CaptionBatches.Pair>> other = list(new CaptionBatches.Pairs(VOCABULARY, 20, 7), image);
        assertEquals(2, pairs.size(), "one pair per caption");
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(VOCABULARY.encode(image.captions().get(i), 20), pairs.get(i)._2().words(),
                    "caption " + i + " as word ids");
            assertEquals(pairs.get(i)._1(), again.get(i)._1(), "the same seed gives the same order");
        }
        assertTrue(!pairs.get(0)._1().equals(other.get(0)._1()) || !pairs.get(1)._1().equals(other.get(1)._1()),
                "another seed gives other keys: " + pairs + " " + other);
    }

    private static List<Tuple2<Long, CaptionBatches.Pair>> list(CaptionBatches.Pairs f, CaptionedImage image)
            throws Exception {
        List<Tuple2<Long, CaptionBatches.Pair>> out = new ArrayList<>();
        f.call(image).forEachRemaining(out::add);
        return out;
    }
}
