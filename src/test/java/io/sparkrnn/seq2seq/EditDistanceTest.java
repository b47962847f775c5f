package io.sparkrnn.seq2seq;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Levenshtein distances worked out by hand, and the bounded search against the full one. */
class EditDistanceTest {
    private static List<String> chars(String s) {
        return PairParser.tokens(s, PairParser.Tokens.CHARACTERS);
    }

    private static List<String> words(String s) {
        return PairParser.tokens(s, PairParser.Tokens.SPACES);
    }

    @Test
    void handWorkedDistances() {
        // kitten -> sitten (k/s) -> sittin (e/i) -> sitting (+g)
        assertEquals(3, EditDistance.between(chars("kitten"), chars("sitting")), "kitten/sitting");
        assertEquals(3, EditDistance.between(chars("sitting"), chars("kitten")), "sitting/kitten");
        assertEquals(0, EditDistance.between(chars("same"), chars("same")), "equal sequences");
        assertEquals(4, EditDistance.between(List.of(), chars("four")), "all insertions");
        assertEquals(2, EditDistance.between(chars("ab"), List.of()), "all deletions");
        // "tomato": T AH M EY T OW against T AH M AA T OW, one phoneme substituted
        assertEquals(1, EditDistance.between(words("T AH M EY T OW"), words("T AH M AA T OW")), "tomato");
        // tokens compare whole: "AH" is not "A" followed by "H"
        assertEquals(1, EditDistance.between(words("AH"), words("AA")), "one token each");
    }

    @Test
    void boundedStopsAboveTheBoundAndIsExactWithin() {
        assertEquals(3, EditDistance.within(chars("kitten"), chars("sitting"), 3), "distance equal to the bound");
        assertEquals(3, EditDistance.within(chars("kitten"), chars("sitting"), 2), "above the bound: bound + 1");
        assertEquals(1, EditDistance.within(chars("abcdef"), chars("ab"), 0), "length difference alone exceeds it");
        assertThrows(IllegalArgumentException.class, () -> EditDistance.within(chars("a"), chars("b"), -1));
    }

    @Test
    void boundedAndIdFormsAgreeWithTheFullDistanceOnRandomSequences() {
        Random random = new Random(11);
        for (int trial = 0; trial < 2000; trial++) {
            List<String> a = randomTokens(random);
            List<String> b = randomTokens(random);
            int full = EditDistance.between(a, b);
            int bound = random.nextInt(6);
            int expected = Math.min(full, bound + 1);
            assertEquals(expected, EditDistance.within(a, b, bound), a + " / " + b + " bound " + bound);
            assertEquals(expected, EditDistance.within(ids(a), ids(b), bound), a + " / " + b + " as ids, bound " + bound);
            assertEquals(full, EditDistance.between(b, a), "symmetric: " + a + " / " + b);
        }
    }

    private static List<String> randomTokens(Random random) {
        List<String> out = new ArrayList<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf((char) ('a' + random.nextInt(3))));
        }
        return out;
    }

    private static int[] ids(List<String> tokens) {
        return tokens.stream().mapToInt(t -> t.charAt(0)).toArray();
    }
}
