package io.sparkrnn.lm;

import org.apache.spark.api.java.Optional;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The baseline formulas against values worked out by hand. */
class NgramBaselinesTest {

    /** Training targets over vocabulary {0, 1, 2}: pairs 0->1 (x3), 0->2 (x1), 1->0 (x2). */
    private static NgramBaselines.Tables tables() {
        long[] unigram = {2, 3, 1};
        long[] history = {4, 2, 0};
        long[] followers = {2, 1, 0};
        int[] likeliest = {1, 0, 0};
        return new NgramBaselines.Tables(unigram, history, followers, likeliest);
    }

    @Test
    void unigramIsAddOneSmoothed() {
        NgramBaselines.Tables t = tables();
        assertEquals(3.0 / 9, t.unigramProbability(0), 1e-12, "(2 + 1) / (6 + 3)");
        assertEquals(2.0 / 9, t.unigramProbability(2), 1e-12, "(1 + 1) / (6 + 3)");
    }

    @Test
    void bigramIsWittenBellInterpolatedWithTheUnigram() {
        NgramBaselines.Tables t = tables();
        // After 0: c(0,1) = 3, c(0) = 4, two distinct followers: (3 + 2 * 4/9) / (4 + 2).
        assertEquals((3 + 2 * 4.0 / 9) / 6, t.bigramProbability(0, 1, 3), 1e-12);
        // Unseen pair 0->0: only the unigram share, (0 + 2 * 3/9) / 6.
        assertEquals((2 * 3.0 / 9) / 6, t.bigramProbability(0, 0, 0), 1e-12);
        // Token 2 never precedes anything: fall back to the unigram.
        assertEquals(t.unigramProbability(1), t.bigramProbability(2, 1, 0), 1e-12);
        double sum = 0;
        for (int b = 0; b < 3; b++) {
            sum += t.bigramProbability(0, b, new long[]{0, 3, 1}[b]);
        }
        assertEquals(1.0, sum, 1e-12, "the bigram distribution after a token sums to 1");
    }

    @Test
    void scoreOfADistinctPairWeighsByItsCount() throws Exception {
        NgramBaselines.Tables t = tables();
        NgramBaselines.Sums s = new NgramBaselines.Score(t).call(new Tuple2<>(0L * 3 + 1, new Tuple2<>(5L,
                Optional.of(3L))));
        assertEquals(5, s.targets());
        assertEquals(-5 * Math.log(4.0 / 9), s.unigramNats(), 1e-9);
        assertEquals(-5 * Math.log((3 + 2 * 4.0 / 9) / 6), s.bigramNats(), 1e-9);
        assertEquals(5, s.unigramHits(), "token 1 is the most frequent: a unigram hit");
        assertEquals(5, s.bigramHits(), "1 is the likeliest token after 0: a bigram hit");
    }

    @Test
    void pairsAreTheScoredInputTargetPairsOfAWindow() throws Exception {
        Window w = Window.of(9, new int[]{2, 0, 1, 0}, 1);
        List<Tuple2<Long, Long>> pairs = new ArrayList<>();
        new NgramBaselines.Pairs(3).call(w).forEachRemaining(pairs::add);
        assertArrayEquals(new long[]{0 * 3 + 1, 1 * 3 + 0}, pairs.stream().mapToLong(Tuple2::_1).toArray(),
                "pair 2->0 lies before scoredFrom and is not counted");
    }
}
