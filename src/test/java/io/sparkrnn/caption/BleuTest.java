package io.sparkrnn.caption;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** BLEU against the paper's worked examples, published values and sums worked out by hand. */
class BleuTest {
    // Papineni et al. 2002, section 2.1, example 1 (NLTK's documentation uses the same sentences).
    private static final List<String> PAPER_CANDIDATE_1 = words("It is a guide to action which ensures that the "
            + "military always obeys the commands of the party");
    private static final List<String> PAPER_CANDIDATE_2 = words("It is to insure the troops forever hearing the "
            + "activity guidebook that party direct");
    private static final List<List<String>> PAPER_REFERENCES = List.of(
            words("It is a guide to action that ensures that the military will forever heed Party commands"),
            words("It is the guiding principle which guarantees the military forces always being under the "
                    + "command of the Party"),
            words("It is the practical guide for the army always to heed the directions of the party"));

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
    }

    private static List<String> lower(List<String> tokens) {
        return tokens.stream().map(String::toLowerCase).toList();
    }

    private static Bleu.Counts one(String candidate, int maxOrder, String... references) {
        return Bleu.Counts.of(words(candidate), Arrays.stream(references).map(BleuTest::words).toList(), maxOrder);
    }

    private static void precision(long matches, long totals, Bleu.Counts c, int order, String what) {
        assertEquals(matches + "/" + totals, c.matches()[order - 1] + "/" + c.totals()[order - 1],
                what + ": modified " + order + "-gram precision");
    }

    @Test
    void paperModifiedUnigramAndBigramPrecisions() {
        // The paper compares words without case ("Party" matches "party"), so both sides are lowered.
        List<List<String>> refs = PAPER_REFERENCES.stream().map(BleuTest::lower).toList();
        Bleu.Counts c1 = Bleu.Counts.of(lower(PAPER_CANDIDATE_1), refs, 2);
        Bleu.Counts c2 = Bleu.Counts.of(lower(PAPER_CANDIDATE_2), refs, 2);
        // Candidate 1: every word but "obeys" is in some reference; its three "the" are within
        // reference 2's four.
        precision(17, 18, c1, 1, "paper candidate 1");
        // Candidate 2: it, is, to, the, the, forever, that, party match; insure, troops, hearing,
        // activity, guidebook, direct do not.
        precision(8, 14, c2, 1, "paper candidate 2");
        // Bigrams of candidate 1 found in a reference: it is, is a, a guide, guide to, to action,
        // ensures that, that the, the military, of the, the party.
        precision(10, 17, c1, 2, "paper candidate 1");
        // Candidate 2 shares only "it is" with the references.
        precision(1, 13, c2, 2, "paper candidate 2");
    }

    @Test
    void clippingStopsARepeatedWordFromScoring() {
        // Papineni et al. 2002, example 2: "the" occurs at most twice in one reference.
        Bleu.Counts c = Bleu.Counts.of(words("the the the the the the the"),
                List.of(words("the cat is on the mat"), words("there is a cat on the mat")), 1);
        precision(2, 7, c, 1, "the x7");
        // The clip is the most in any single reference, not the sum over them: "a" is allowed
        // twice (second reference), not three times, and "b" once; 2 + 1 of 4.
        precision(3, 4, one("a a a b", 1, "a b", "a a c"), 1, "a a a b");
    }

    @Test
    void publishedNltkValuesForThePaperSentences() {
        // NLTK's documented sentence_bleu of paper candidate 1 (case kept) is 0.5045...: matches
        // 17/18 (all but "obeys"; "party" is in reference 3), 10/17, trigrams 7/16 (it is a, is a
        // guide, a guide to, guide to action, ensures that the, that the military, of the party),
        // 4-grams 4/15 (it is a guide, is a guide to, a guide to action, ensures that the
        // military); c = 18 equals reference 2's length, BP = 1.
        Bleu.Score s = Bleu.score(List.of(PAPER_CANDIDATE_1), List.of(PAPER_REFERENCES), 4);
        assertArrayEquals(new long[]{17, 10, 7, 4}, s.matches(), "matches of " + s);
        assertArrayEquals(new long[]{18, 17, 16, 15}, s.totals(), "totals of " + s);
        double expected = Math.pow(17.0 / 18 * 10 / 17 * 7 / 16 * 4 / 15, 0.25);
        assertEquals(expected, s.bleu(), 1e-12, "(17/18 * 10/17 * 7/16 * 4/15)^(1/4) against " + s);
        assertEquals(0.5045, Math.floor(s.bleu() * 1e4) / 1e4, "NLTK's published value 0.5045...: " + s);

        // NLTK's documented corpus_bleu, 0.5920...: the same with a second candidate "he read the
        // book because he was interested in world history" against "he was interested in world
        // history because he read the book": 11/11, 9/10 (not "book because"), 6/9 (not "the book
        // because", "book because he", "because he was"), 4/8 (he read the book, he was
        // interested in, was interested in world, interested in world history). Corpus sums:
        // 28/29, 19/27, 13/25, 8/23; c = r = 29, BP = 1.
        Bleu.Score corpus = Bleu.score(List.of(PAPER_CANDIDATE_1,
                        words("he read the book because he was interested in world history")),
                List.of(PAPER_REFERENCES, List.of(words("he was interested in world history because he read the book"))),
                4);
        assertArrayEquals(new long[]{28, 19, 13, 8}, corpus.matches(), "matches of " + corpus);
        assertArrayEquals(new long[]{29, 27, 25, 23}, corpus.totals(), "totals of " + corpus);
        assertEquals(Math.pow(28.0 / 29 * 19 / 27 * 13 / 25 * 8 / 23, 0.25), corpus.bleu(), 1e-12, corpus.toString());
        assertEquals(0.5920, Math.floor(corpus.bleu() * 1e4) / 1e4, "NLTK's published value 0.5920...: " + corpus);
    }

    @Test
    void handComputedOrdersOfOneSentence() {
        // "the cat sat on the mat" against "the cat is on the mat": unigrams 5/6 (not "sat"),
        // bigrams 3/5 (the cat, on the, the mat), trigrams 1/4 (on the mat), 4-grams 0/3; c = r = 6.
        List<List<String>> cand = List.of(words("the cat sat on the mat"));
        List<List<List<String>>> refs = List.of(List.of(words("the cat is on the mat")));
        assertEquals(5.0 / 6, Bleu.bleu(cand, refs, 1), 1e-12, "BLEU-1 = 5/6");
        assertEquals(Math.sqrt(0.5), Bleu.bleu(cand, refs, 2), 1e-12, "BLEU-2 = (5/6 * 3/5)^(1/2) = 0.5^(1/2)");
        assertEquals(0.5, Bleu.bleu(cand, refs, 3), 1e-12, "BLEU-3 = (5/6 * 3/5 * 1/4)^(1/3) = (1/8)^(1/3)");
        Bleu.Score s = Bleu.score(cand, refs, 4);
        assertEquals(0.0, s.bleu(), "no 4-gram matches and no smoothing: " + s);
        assertEquals(0.0, s.precision(4), "4-gram precision 0/3: " + s);
        assertEquals(0.25, s.precision(3), 1e-12, "trigram precision 1/4: " + s);
        assertEquals(1.0, s.brevityPenalty(), "c = r = 6: " + s);
    }

    @Test
    void corpusBleuSumsBeforeDividing() {
        // "a b" vs "a b" and "c d e f" vs "c x e y" with maxOrder 1: sentence scores 1 and 2/4,
        // mean 0.75; the corpus sums (2 + 2) / (2 + 4) = 2/3, c = r = 6.
        Bleu.Score s = Bleu.score(List.of(words("a b"), words("c d e f")),
                List.of(List.of(words("a b")), List.of(words("c x e y"))), 1);
        assertEquals(2.0 / 3, s.bleu(), 1e-12, "corpus BLEU-1 (2 + 2)/(2 + 4), not the mean 0.75: " + s);
    }

    @Test
    void aPerfectMatchScoresOne() {
        List<String> ref = words("a man rides a horse on the beach at sunset");
        Bleu.Score s = Bleu.score(List.of(ref), List.of(List.of(words("a dog"), ref, words("someone rides"))), 4);
        assertEquals(1.0, s.bleu(), 1e-12, "identical to one of its references: " + s);
        assertEquals(1.0, s.brevityPenalty(), "closest reference has the candidate's length: " + s);
        assertEquals(10, s.referenceLength(), "r is the closest reference length: " + s);
    }

    @Test
    void brevityPenaltyUsesTheClosestReferenceLength() {
        // c = 3 against a reference of 6: BP = exp(1 - 6/3) = e^-1, precisions 3/3 and 2/2.
        Bleu.Score s = Bleu.score(List.of(words("a b c")), List.of(List.of(words("a b c d e f"))), 2);
        assertEquals(Math.exp(-1), s.brevityPenalty(), 1e-12, "exp(1 - 6/3): " + s);
        assertEquals(Math.exp(-1), s.bleu(), 1e-12, "BP times precision 1: " + s);
        // Lengths 2 and 4 are both 1 from c = 3: the shorter wins, r = 2 < c, no penalty.
        Bleu.Score tie = Bleu.score(List.of(words("a b c")), List.of(List.of(words("a b c d"), words("a b"))), 1);
        assertEquals(2, tie.referenceLength(), "tie between 4 and 2 goes to the shorter: " + tie);
        assertEquals(1.0, tie.brevityPenalty(), "c = 3 > r = 2: " + tie);
        // Lengths 5 and 9 for c = 8: r = 9, BP = exp(1 - 9/8); c = r gives BP 1 exactly.
        Bleu.Score longer = Bleu.score(List.of(words("a b c d e f g h")),
                List.of(List.of(words("a b c d e"), words("a b c d e f g h i"))), 1);
        assertEquals(9, longer.referenceLength(), "closest of 5 and 9 to 8: " + longer);
        assertEquals(Math.exp(1 - 9.0 / 8), longer.brevityPenalty(), 1e-12, "exp(1 - 9/8): " + longer);
        // Over a corpus r sums each candidate's closest length: 3 (of 3 and 7, for 3 words) + 2
        // (of 1 and 2, for 2 words) = 5 = c, so BP = 1.
        Bleu.Score corpus = Bleu.score(List.of(words("a b c"), words("d e")),
                List.of(List.of(words("a b c"), words("a b c d e f g")), List.of(words("d"), words("d e"))), 1);
        assertEquals(5, corpus.candidateLength(), "c = 3 + 2: " + corpus);
        assertEquals(5, corpus.referenceLength(), "r = 3 + 2: " + corpus);
        assertEquals(1.0, corpus.brevityPenalty(), "c = r: " + corpus);
    }

    @Test
    void emptyCandidatesAndShortOnes() {
        // An empty candidate adds nothing to the n-gram sums; its closest reference is the
        // shortest, 2. Corpus: "a b" vs "a b" plus the empty one: 2/2 matches, c = 2, r = 2 + 2,
        // BP = exp(1 - 4/2) = e^-1.
        Bleu.Score s = Bleu.score(List.of(words("a b"), List.of()),
                List.of(List.of(words("a b")), List.of(words("x y z"), words("x y"))), 1);
        assertEquals(4, s.referenceLength(), "r = 2 + 2: " + s);
        assertEquals(Math.exp(-1), s.bleu(), 1e-12, "e^-1 * 2/2: " + s);
        // Only empty candidates: c = 0, no n-grams at all, BLEU 0 and BP 0 (NLTK's choice), not NaN.
        Bleu.Score none = Bleu.score(List.of(List.of()), List.of(List.of(words("a b"))), 4);
        assertEquals(0.0, none.bleu(), "empty candidate: " + none);
        assertEquals(0.0, none.brevityPenalty(), "c = 0: " + none);
        assertEquals(0.0, Bleu.bleu(List.of(), List.of(), 4), "an empty corpus");
        // A one-word candidate has no bigrams: 0/0 at order 2 gives BLEU-2 0, precision NaN.
        Bleu.Score single = Bleu.score(List.of(words("a")), List.of(List.of(words("a"))), 2);
        assertEquals(0.0, single.bleu(), "no bigram to match: " + single);
        assertEquals(Double.NaN, single.precision(2), "0/0: " + single);
        assertEquals(1.0, Bleu.bleu(List.of(words("a")), List.of(List.of(words("a"))), 1), "BLEU-1 of a match");
    }

    @Test
    void aZeroPrecisionAtAnyOrderGivesZero() {
        // "a b" against "b a": unigrams 2/2, bigram "a b" 0/1.
        Bleu.Score s = Bleu.score(List.of(words("a b")), List.of(List.of(words("b a"))), 2);
        assertArrayEquals(new long[]{2, 0}, s.matches(), s.toString());
        assertEquals(0.0, s.bleu(), s.toString());
        assertEquals(1.0, Bleu.bleu(List.of(words("a b")), List.of(List.of(words("b a"))), 1), "BLEU-1 of b a");
    }

    @Test
    void countsMergeToTheWholeCorpus() {
        List<List<String>> cands = new ArrayList<>(List.of(lower(PAPER_CANDIDATE_1), lower(PAPER_CANDIDATE_2),
                words("the cat sat on the mat"), words("a b c")));
        List<List<List<String>>> refs = List.of(PAPER_REFERENCES.stream().map(BleuTest::lower).toList(),
                PAPER_REFERENCES.stream().map(BleuTest::lower).toList(), List.of(words("the cat is on the mat")),
                List.of(words("a b c d e f")));
        Bleu.Counts whole = Bleu.counts(cands, refs, 4);
        Bleu.Counts first = Bleu.counts(cands.subList(0, 2), refs.subList(0, 2), 4);
        Bleu.Counts second = Bleu.counts(cands.subList(2, 4), refs.subList(2, 4), 4);
        assertEquals(whole, second.merge(first), "halves merged against the whole");
        assertEquals(whole.score(), first.merge(second).score(), "scores of the merged counts");
        assertEquals(whole, Bleu.Counts.empty(4).merge(whole), "the empty counts are the identity");
        // 17 + 8 + 5 + 3 unigram matches, 18 + 14 + 6 + 3 candidate words.
        assertEquals(33, whole.matches()[0], whole.toString());
        assertEquals(41, whole.candidateLength(), whole.toString());
        // r: 18 (reference 2 for 18 words) + 16 (14 words: 16 is closer than 18) + 6 + 6.
        assertEquals(46, whole.referenceLength(), whole.toString());
        assertThrows(IllegalArgumentException.class, () -> whole.merge(Bleu.Counts.empty(2)));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Bleu.bleu(List.of(words("a")), List.of(), 1),
                "more candidates than reference sets");
        assertThrows(IllegalArgumentException.class, () -> Bleu.bleu(List.of(words("a")), List.of(List.of()), 1),
                "a candidate without references");
        assertThrows(IllegalArgumentException.class, () -> Bleu.Counts.empty(0), "order 0");
        assertThrows(IllegalArgumentException.class, () -> new Bleu.Counts(new long[2], new long[3], 0, 0),
                "orders differ");
    }

    @Test
    void valuesAreCopiedNotShared() {
        long[] matches = {1, 0};
        Bleu.Counts c = new Bleu.Counts(matches, new long[]{2, 1}, 2, 2);
        matches[0] = 99;
        c.matches()[1] = 99;
        assertArrayEquals(new long[]{1, 0}, c.matches(), "counts changed from outside: " + c);
    }
}
