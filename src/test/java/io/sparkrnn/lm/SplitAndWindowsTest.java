package io.sparkrnn.lm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text pipeline's per-partition functions, run by hand on partitions of a small text
 * exactly as Spark would run them: the windows they cut must be the windows of the text as a
 * whole, and no validation character may reach a training window.
 */
class SplitAndWindowsTest {
    private static final List<List<String>> PARTITIONS = List.of(
            List.of("First Citizen:", "Before we proceed any further, hear me speak."),
            List.of("", "All:", "Speak, speak."),
            List.of("First Citizen:", "You are all resolved rather to die than to famish?", "caf\u00e9 \uD83D\uDE00"));

    private static long[] codePoints() {
        long[] sizes = new long[PARTITIONS.size()];
        for (int p = 0; p < sizes.length; p++) {
            for (String line : PARTITIONS.get(p)) {
                sizes[p] += line.codePointCount(0, line.length()) + 1;
            }
        }
        return sizes;
    }

    private static String wholeText() {
        StringBuilder sb = new StringBuilder();
        PARTITIONS.forEach(p -> p.forEach(l -> sb.append(l).append('\n')));
        return sb.toString();
    }

    @Test
    void segmentsOfBothSidesRebuildTheTextSplitAtTheRightCharacter() {
        SplitPlan plan = new SplitPlan(codePoints(), 0.3, false);
        String text = wholeText();
        StringBuilder train = new StringBuilder();
        StringBuilder validation = new StringBuilder();
        for (int p = 0; p < PARTITIONS.size(); p++) {
            plan.forEachSegment(p, PARTITIONS.get(p).iterator(), (side, s) ->
                    (side == Side.TRAIN ? train : validation).append(s));
        }
        long total = text.codePointCount(0, text.length());
        assertEquals(total, plan.total());
        assertEquals(total - Math.round(total * 0.3), train.codePointCount(0, train.length()),
                "training part holds the first 70% of the characters");
        assertEquals(text, train.toString() + validation);
    }

    @Test
    void windowsCutPerPartitionEqualTheWindowsOfTheWholeText() throws Exception {
        SplitPlan plan = new SplitPlan(codePoints(), 0.25, false);
        Vocabulary vocabulary = charVocabulary(wholeText());
        TokenEncoder encoder = new TokenEncoder(new Tokenizer.Chars(), vocabulary);
        for (Side side : Side.values()) {
            List<Integer> stream = new ArrayList<>();
            long[] starts = new long[PARTITIONS.size()];
            for (int p = 0; p < PARTITIONS.size(); p++) {
                starts[p] = stream.size();
                plan.forEachSegment(p, PARTITIONS.get(p).iterator(), side, s -> encoder.encode(s, stream::add));
            }
            WindowPlan windows = new WindowPlan(stream.size(), 8);
            EmitWindows emit = new EmitWindows(plan, side, starts, windows, encoder);
            Map<Long, Window> joined = new TreeMap<>();
            for (int p = 0; p < PARTITIONS.size(); p++) {
                Iterator<Window> it = emit.call(p, PARTITIONS.get(p).iterator());
                it.forEachRemaining(w -> joined.merge(w.index(), w, Window::merge));
            }
            assertEquals(windows.windows(), joined.size(), side + ": number of windows");
            for (Window w : joined.values()) {
                assertTrue(w.complete(), side + ": window " + w.index() + " incomplete after merging: " + w);
                long start = windows.start(w.index());
                for (int i = 0; i <= w.length(); i++) {
                    assertEquals((int) stream.get((int) (start + i)), w.token(i),
                            side + ": token " + i + " of window " + w.index());
                }
                assertEquals(windows.scoredFrom(w.index()), w.scoredFrom());
            }
        }
    }

    @Test
    void wordTokensNeverCrossLinesSoPartitionsTokenizeLikeTheWhole() {
        List<String> whole = new ArrayList<>();
        new Tokenizer.Words().tokenize(wholeText(), whole::add);
        List<String> pieces = new ArrayList<>();
        SplitPlan plan = new SplitPlan(codePoints(), 0.1, false);
        for (int p = 0; p < PARTITIONS.size(); p++) {
            plan.forEachSegment(p, PARTITIONS.get(p).iterator(), (side, s) -> new Tokenizer.Words().tokenize(s, pieces::add));
        }
        // The split point may cut a word in two; everything else matches.
        assertTrue(Math.abs(whole.size() - pieces.size()) <= 1, whole.size() + " vs " + pieces.size() + " tokens");
        assertEquals(List.of("First", "Citizen", ":", "\n", "Before", "we"), whole.subList(0, 6));
        List<String> contraction = new ArrayList<>();
        new Tokenizer.Words().tokenize("don't stop,  café!", contraction::add);
        assertEquals(List.of("don't", "stop", ",", "café", "!"), contraction);
    }

    @Test
    void characterTokensAreCodePoints() {
        List<String> tokens = new ArrayList<>();
        new Tokenizer.Chars().tokenize("a\uD83D\uDE00b", tokens::add);
        assertEquals(List.of("a", "\uD83D\uDE00", "b"), tokens, "a surrogate pair is one token");
    }

    @Test
    void lowercasingHappensBeforeSplitting() {
        SplitPlan plan = new SplitPlan(new long[]{4}, 0.25, true);
        StringBuilder all = new StringBuilder();
        plan.forEachSegment(0, List.of("ABC").iterator(), (side, s) -> all.append(s));
        assertEquals("abc\n", all.toString());
    }

    static Vocabulary charVocabulary(String text) {
        Map<String, Long> counts = new TreeMap<>();
        new Tokenizer.Chars().tokenize(text, t -> counts.merge(t, 1L, Long::sum));
        return new Vocabulary(LmConfig.Level.CHAR, new ArrayList<>(counts.keySet()),
                counts.values().stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void vocabularyRoundTripsThroughJsonAndDecodesWords() {
        Vocabulary v = new Vocabulary(LmConfig.Level.WORD, List.of(Vocabulary.UNKNOWN, "\n", "hello", ",", "world", "!"),
                new long[]{3, 2, 5, 1, 4, 1});
        Vocabulary back = Vocabulary.fromJson(v.toJson(), "test");
        assertEquals(v.tokens(), back.tokens());
        assertEquals(5, back.count(2));
        assertEquals(0, back.id("never-seen"), "unknown words map to <unk>");
        assertEquals("hello, world!\nhello", back.decode(Arrays.asList(2, 3, 4, 5, 1, 2)));
        Vocabulary chars = charVocabulary("ab");
        assertEquals(-1, chars.id("z"), "a character vocabulary has no <unk>");
    }
}
