package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptionVocabularyTest {
    @Test
    void wordsAreSplitAtSpacesWithEdgePunctuationCut() {
        assertEquals(List.of("flag", "united", "states"), CaptionVocabulary.words("Flag: United States", true));
        assertEquals(List.of("keycap", "#"), CaptionVocabulary.words("keycap: #", true));
        assertEquals(List.of("an", "ankle", "boot", "left", "of", "a", "t-shirt"),
                CaptionVocabulary.words("  an ankle boot left of a t-shirt. ", true));
        assertEquals(List.of("Red", "Apple"), CaptionVocabulary.words("Red Apple", false));
        assertEquals(List.of(), CaptionVocabulary.words("   ", true));
        assertEquals(List.of("..."), CaptionVocabulary.words("...", true), "a word of punctuation alone stays");
    }

    @Test
    void idsFollowFallingCountsAfterTheReservedTokensAndRareWordsAreUnknown() {
        CaptionVocabulary v = CaptionVocabulary.of(Map.of("a", 5L, "bag", 2L, "boot", 2L, "rare", 1L), 2, true);
        assertEquals(List.of("<end>", "<start>", "<unk>", "a", "bag", "boot"),
                List.of(v.token(0), v.token(1), v.token(2), v.token(3), v.token(4), v.token(5)));
        assertEquals(6, v.size(), "3 reserved + 3 words with count >= 2");
        assertEquals(1, v.count(CaptionVocabulary.UNKNOWN_ID), "the one occurrence of 'rare' counts as <unk>");
        assertArrayEquals(new int[] {3, 2, 4}, v.encode("A rare bag", 10));
        assertArrayEquals(new int[] {3, 2}, v.encode("A rare bag", 2), "cut at the maximum length");
        assertEquals("a bag boot", v.decode(new int[] {3, 4, 5}));
    }

    @Test
    void theJsonFormRoundTripsAndAnythingElseIsRefusedByName() throws Exception {
        CaptionVocabulary v = CaptionVocabulary.of(Map.of("red", 3L, "apple", 1L), 1, false);
        CaptionVocabulary back = CaptionVocabulary.fromJson(v.toJson(), "captioner.json");
        assertEquals(v.size(), back.size());
        for (int i = 0; i < v.size(); i++) {
            assertEquals(v.token(i), back.token(i), "token " + i);
            assertEquals(v.count(i), back.count(i), "count " + i);
        }
        assertEquals(false, back.lowercase());
        DataException e = assertThrows(DataException.class,
                () -> CaptionVocabulary.fromJson("{\"tokens\": [\"a\"], \"counts\": [1]}", "hdfs:///m/captioner.json"));
        assertTrue(e.getMessage().contains("hdfs:///m/captioner.json"), e.getMessage());
    }
}
