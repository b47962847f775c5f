package io.sparkrnn.seq2seq;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The nearest-spelling baseline against an exhaustive search, and its tie rules. */
class NearestSpellingTest {
    private static Pair pair(String word, String phonemes, long order) {
        return new Pair(word, PairParser.tokens(word, PairParser.Tokens.CHARACTERS),
                PairParser.tokens(phonemes, PairParser.Tokens.SPACES), order);
    }

    private static List<String> chars(String s) {
        return PairParser.tokens(s, PairParser.Tokens.CHARACTERS);
    }

    @Test
    void answersWithTheFirstPronunciationOfTheClosestSpelling() {
        NearestSpelling n = new NearestSpelling(List.of(pair("cat", "K AE T", 1), pair("either", "IY DH ER", 2),
                pair("either", "AY DH ER", 1), pair("neither", "N IY DH ER", 1)));
        assertEquals(3, n.size(), "distinct spellings");
        NearestSpelling.Match m = n.nearest(chars("cats"));
        assertEquals("cat", m.spelling(), "one insertion away");
        assertEquals(List.of("K", "AE", "T"), m.target(), "its pronunciation");
        assertEquals(1, m.distance(), "distance");
        assertEquals(List.of("AY", "DH", "ER"), n.nearest(chars("eithr")).target(), "the variant listed first");
        assertEquals(0, n.nearest(chars("cat")).distance(), "a training word answers itself");
        assertEquals("cat", n.nearest(chars("zzz")).spelling(), "a word sharing nothing still gets an answer");
    }

    @Test
    void tiesGoToTheClosestLengthThenTheAlphabeticallyFirst() {
        NearestSpelling n = new NearestSpelling(List.of(pair("abcd", "X", 1), pair("ab", "Y", 1), pair("abz", "Z", 1),
                pair("aby", "W", 1)));
        // "abc" is one edit from each of abcd, ab, abz, aby: the same length wins, then aby before abz
        assertEquals("aby", n.nearest(chars("abc")).spelling(), "same length, alphabetical");
        NearestSpelling shorter = new NearestSpelling(List.of(pair("abcd", "X", 1), pair("ab", "Y", 1)));
        assertEquals("ab", shorter.nearest(chars("abc")).spelling(), "equally close lengths: the shorter");
        assertThrows(IllegalArgumentException.class, () -> new NearestSpelling(List.of()));
    }

    @Test
    void findsTheSameDistanceAsAnExhaustiveSearch() {
        Random random = new Random(5);
        List<Pair> training = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            training.add(pair(word(random), "P" + i, 1));
        }
        NearestSpelling n = new NearestSpelling(training);
        for (int q = 0; q < 300; q++) {
            String query = word(random);
            int exhaustive = Integer.MAX_VALUE;
            for (Pair p : training) {
                exhaustive = Math.min(exhaustive, EditDistance.between(chars(query), p.source()));
            }
            NearestSpelling.Match m = n.nearest(chars(query));
            assertEquals(exhaustive, m.distance(), "query " + query + " -> " + m.spelling());
            assertEquals(exhaustive, EditDistance.between(chars(query), chars(m.spelling())),
                    "the distance reported is the spelling's: " + query + " / " + m.spelling());
        }
    }

    private static String word(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 1 + random.nextInt(9); i > 0; i--) {
            b.append((char) ('a' + random.nextInt(5)));
        }
        return b.toString();
    }
}
