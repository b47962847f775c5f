package io.sparkrnn.seq2seq;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pronunciations gathered into words, first variant first, and scored by the baseline. */
class WordTest {
    private static final PairParser CMU = new PairParser(PairParser.Format.CMUDICT, PairParser.Tokens.CHARACTERS,
            PairParser.Tokens.SPACES, true);

    private static Pair p(String line) {
        return CMU.parse(line, 1).pair();
    }

    @Test
    void variantsGatherInTheirOrder() {
        List<Word> words = Word.gather(List.of(p("either(2) AY DH ER"), p("cat K AE T"), p("either IY DH ER")));
        assertEquals(2, words.size(), "two headwords");
        Word either = words.get(0);
        assertEquals("either", either.key(), "first seen first");
        assertEquals(List.of(List.of("IY", "DH", "ER"), List.of("AY", "DH", "ER")), either.references(),
                "the unnumbered (first) pronunciation first");
        assertThrows(IllegalArgumentException.class, () -> Word.of(List.of(p("cat K AE T"), p("dog D AO G"))),
                "pairs of different words");
    }

    @Test
    void theNearestSpellingBaselineScoredOnWords() {
        NearestSpelling baseline = new NearestSpelling(List.of(p("cat K AE T"), p("bat B AE T"), p("rough R AH F")));
        TransductionErrors errors = new TransductionErrors();
        for (Word w : Word.gather(List.of(p("cats K AE T S"), p("tough T AH F")))) {
            errors.add(baseline.nearest(w.source()).target(), w.references(), w.source().size());
        }
        // cats -> cat: K AE T against K AE T S, one deletion of 4; tough -> rough: R AH F against
        // T AH F, one substitution of 3. Both words wrong.
        assertEquals(1.0, errors.wordErrorRate(), 1e-12, "word error rate");
        assertEquals(2.0 / 7, errors.tokenErrorRate(), 1e-12, "phoneme error rate");
    }
}
