package io.sparkrnn.caption;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Word substitutions of wrong captions, against hand-made alignments. */
class CaptionErrorsTest {
    @Test
    void aWrongItemIsOneSubstitutionAgainstTheNearestReference() {
        CaptionErrors e = CaptionErrors.of(
                List.of("a dress left of a sandal", "a sneaker above a bag", "a sandal left of a sandal",
                        "a dress left of a trouser"),
                List.of(List.of("a t-shirt left of a sandal"), List.of("a sneaker above a bag"),
                        List.of("a bag above a bag", "a sneaker left of a sandal"), List.of("A T-shirt left of a trouser.")),
                true, 10);
        assertEquals(3, e.wrong(), "the second caption is right; the others are not");
        assertEquals(List.of(new CaptionErrors.Substitution("t-shirt", "dress", 2),
                        new CaptionErrors.Substitution("sneaker", "sandal", 1)), e.substitutions(),
                "t-shirt said as dress twice (case and punctuation aside); sandal for sneaker against the nearer "
                        + "second reference (one substitution, where the first needs two)");
        assertEquals(-1, e.seenInTraining(), "not counted until the job counts it");
        assertEquals(2, e.withSeenInTraining(2).seenInTraining());
    }

    @Test
    void anAlignmentKeepsTheWordsInOrder() {
        assertEquals(List.of(List.of("bag", "sandal"), List.of("sneaker", "dress")),
                CaptionErrors.substitutions(List.of("a", "sneaker", "above", "a", "bag"),
                        List.of("a", "dress", "above", "a", "sandal")), "from the end: bag->sandal, then sneaker->dress");
        assertEquals(List.of(), CaptionErrors.substitutions(List.of("red", "apple"), List.of("red", "apple")));
        assertEquals(List.of(List.of("", "a")),
                CaptionErrors.substitutions(List.of("red", "apple"), List.of("a", "red", "apple")),
                "an inserted word is said where the reference has nothing");
        assertEquals(2, CaptionErrors.of(List.of("x", ""), List.of(List.of("y"), List.of("z")), true, 0).wrong(),
                "an empty caption is wrong too; top 0 lists no substitutions");
    }

    @Test
    void aNameOfTwoWordsIsOnePhrase() {
        assertEquals(List.of(List.of("an ankle boot", "a sneaker")),
                CaptionErrors.substitutions(List.of("an", "ankle", "boot", "above", "a", "t-shirt"),
                        List.of("a", "sneaker", "above", "a", "t-shirt")),
                "the words between the start and 'above' are one phrase each side");
        assertEquals(List.of(List.of("a sandal", "an ankle boot"), List.of("an ankle boot", "a dress")),
                CaptionErrors.substitutions(List.of("an", "ankle", "boot", "left", "of", "a", "sandal"),
                        List.of("a", "dress", "left", "of", "an", "ankle", "boot")),
                "both items wrong: two phrases, from the end, each with its article where the articles differ");
        assertEquals(List.of(List.of("face", "")),
                CaptionErrors.substitutions(List.of("grinning", "face"), List.of("grinning")), "a word left out");
    }
}
