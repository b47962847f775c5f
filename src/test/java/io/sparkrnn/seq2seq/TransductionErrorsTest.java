package io.sparkrnn.seq2seq;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Word and phoneme error rates on outputs whose errors are counted by hand. */
class TransductionErrorsTest {
    private static List<String> p(String s) {
        return PairParser.tokens(s, PairParser.Tokens.SPACES);
    }

    @Test
    void ratesCountedByHand() {
        TransductionErrors e = new TransductionErrors();
        // "either": both pronunciations accepted; the output is the second, so the word is right.
        e.add(p("AY DH ER"), List.of(p("IY DH ER"), p("AY DH ER")), 6);
        // "cat": one substitution against K AE T (3 phonemes).
        e.add(p("K AH T"), List.of(p("K AE T")), 3);
        // "dog": D AO G against D AA G (1 edit, 3) and D AO G AH (1 edit, 4): equal edits, the longer
        // reference is the closest, so 1 edit over 4.
        e.add(p("D AO G"), List.of(p("D AA G"), p("D AO G AH")), 3);
        assertEquals(3, e.words(), "words");
        assertEquals(2, e.wrongWords(), "wrong words");
        assertEquals(2.0 / 3, e.wordErrorRate(), 1e-12, "word error rate");
        assertEquals(2, e.edits(), "edits");
        assertEquals(3 + 3 + 4, e.referenceTokens(), "reference phonemes");
        assertEquals(2.0 / 10, e.tokenErrorRate(), 1e-12, "phoneme error rate");
        assertEquals(2, e.wordsOfLength(3), "words of 3 letters");
        assertEquals(1.0, e.wordErrorRateOfLength(3), 1e-12, "error rate of 3-letter words");
        assertEquals(0.0, e.wordErrorRateOfLength(6), 1e-12, "error rate of 6-letter words");
        assertTrue(Double.isNaN(e.wordErrorRateOfLength(4)), "no 4-letter words: NaN");
    }

    @Test
    void longWordsShareTheLastBucketAndMergeAddsUp() {
        TransductionErrors a = new TransductionErrors().add(p("A"), List.of(p("B")), 25);
        TransductionErrors b = new TransductionErrors().add(p("A"), List.of(p("A")), TransductionErrors.LONGEST_COUNTED);
        a.merge(b);
        assertEquals(2, a.wordsOfLength(30), "words of 20 letters and more");
        assertEquals(0.5, a.wordErrorRateOfLength(TransductionErrors.LONGEST_COUNTED), 1e-12, "their error rate");
        assertEquals(1, b.words(), "merge leaves its argument alone");
        assertTrue(Double.isNaN(new TransductionErrors().wordErrorRate()), "nothing scored: NaN");
        assertThrows(IllegalArgumentException.class, () -> a.add(p("A"), List.of(), 1), "no reference");
    }
}
