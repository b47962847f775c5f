package io.sparkrnn.seq2seq;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CMUdict lines and tab-separated pairs, good and bad, and the whole real dictionary. */
class PairParserTest {
    private static final PairParser CMU = new PairParser(PairParser.Format.CMUDICT, PairParser.Tokens.CHARACTERS,
            PairParser.Tokens.SPACES, true);
    private static final PairParser TSV = new PairParser(PairParser.Format.TSV, PairParser.Tokens.CHARACTERS,
            PairParser.Tokens.SPACES, false);
    /** The dictionary inside net.sf.phat:sphinx4-data:5prealpha. */
    private static final String CMUDICT = "/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";

    @Test
    void cmudictEntriesWithVariantsApostrophesAndComments() {
        Pair a2 = CMU.parse("a(2) EY", 7).pair();
        assertEquals("a", a2.key(), "the variant number is not part of the headword");
        assertEquals(List.of("a"), a2.source(), "spelling");
        assertEquals(List.of("EY"), a2.target(), "phonemes");
        assertEquals(2, a2.order(), "the variant number ranks the pronunciation");
        Pair bout = CMU.parse("'bout B AW T", 1).pair();
        assertEquals(List.of("'", "b", "o", "u", "t"), bout.source(), "an apostrophe is a letter of the spelling");
        assertEquals(1, bout.order(), "no variant number: the first pronunciation");
        Pair upper = CMU.parse("HELLO  HH AH0 L OW1 # a comment", 3).pair();
        assertEquals("hello", upper.key(), "lower-cased headword");
        assertEquals(List.of("HH", "AH0", "L", "OW1"), upper.target(), "phonemes before the comment, stress kept");
        assertTrue(CMU.parse(";;; # CMUdict  --  Major Version: 0.07", 1).skipped(), "a ;;; line is a comment");
        assertTrue(CMU.parse("   ", 2).skipped(), "a blank line holds nothing");
        PairParser.Parsed bad = CMU.parse("lonely", 4);
        assertNull(bad.pair(), "a word without phonemes is no pair");
        assertTrue(bad.problem().contains("no phonemes"), bad.problem());
    }

    @Test
    void tabSeparatedPairsAndTheirProblems() {
        Pair p = TSV.parse("Hund\th u n t", 12).pair();
        assertEquals(List.of("H", "u", "n", "d"), p.source(), "characters, case kept");
        assertEquals(List.of("h", "u", "n", "t"), p.target(), "space-separated target");
        assertEquals(12, p.order(), "the line ranks the pair");
        assertTrue(TSV.parse("no tab here", 1).problem().contains("no tab"), "missing tab");
        assertTrue(TSV.parse("a\tb\tc", 1).problem().contains("more"), "two tabs");
        assertTrue(TSV.parse(" \tb", 1).problem().contains("source is empty"), "empty source");
        assertTrue(TSV.parse("a\t ", 1).problem().contains("target is empty"), "empty target");
    }

    @Test
    void theWholeCmuDictionaryParses() throws IOException {
        InputStream in = PairParserTest.class.getResourceAsStream(CMUDICT);
        assertNotNull(in, CMUDICT + " is on the class path (net.sf.phat:sphinx4-data)");
        int pairs = 0;
        int problems = 0;
        Set<String> headwords = new HashSet<>();
        Set<String> phonemes = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                PairParser.Parsed parsed = CMU.parse(line, ++n);
                if (parsed.pair() != null) {
                    pairs++;
                    headwords.add(parsed.pair().key());
                    phonemes.addAll(parsed.pair().target());
                } else if (!parsed.skipped()) {
                    problems++;
                }
            }
        }
        // The counts the issue states for this file: 134,723 lines; no stress marks, so 39 phonemes.
        assertEquals(134_723, pairs, "pronunciations");
        assertEquals(0, problems, "lines that do not parse");
        assertEquals(125_945, headwords.size(), "headwords");
        assertEquals(39, phonemes.size(), "phonemes: " + phonemes);
    }
}
