package io.sparkrnn.core.decode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.sparkrnn.core.decode.PrefixModel.END;
import static io.sparkrnn.core.decode.PrefixModel.logs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Beam search against exhaustive search and greedy decoding written out, on models whose
 * next-token distribution depends on the whole prefix and that check every row reordering.
 */
class BeamSearchTest {
    private static final int A = 1;
    private static final int B = 2;

    private static BeamSearch beam(int width, int maxLength, double lengthPenalty, PrefixModel m) {
        return new BeamSearch(width, maxLength, lengthPenalty, m.start(), END);
    }

    @Test
    void aWideEnoughBeamFindsTheExhaustiveBest() {
        int differsFromGreedy = 0;
        int cut = 0;
        int penaltyChangesTheWinner = 0;
        for (int[] shape : new int[][]{{4, 4}, {4, 5}, {5, 4}}) {
            int vocabulary = shape[0];
            int maxLength = shape[1];
            for (long seed = 1; seed <= 15; seed++) {
                Function<int[], float[]> d = PrefixModel.random(seed, vocabulary, seed % 3 - 1.0);
                Hypothesis[] best = new Hypothesis[2];
                double[] penalties = {0, 0.7};
                for (int p = 0; p < 2; p++) {
                    List<Hypothesis> all = PrefixModel.exhaustive(d, vocabulary, maxLength, penalties[p]);
                    PrefixModel m = new PrefixModel(vocabulary, all.size(), d);
                    List<Hypothesis> top = beam(all.size(), maxLength, penalties[p], m).decodeTop(m, 5);
                    String what = "V=" + vocabulary + ", maxLength " + maxLength + ", seed " + seed + ", penalty "
                            + penalties[p] + ", " + all.size() + " sequences";
                    assertEquals(all.subList(0, 5), top, what + ": the 5 best");
                    best[p] = top.get(0);
                    cut += best[p].ended() ? 0 : 1;
                }
                differsFromGreedy += best[0].equals(PrefixModel.greedy(d, maxLength)) ? 0 : 1;
                penaltyChangesTheWinner += Arrays.equals(best[0].tokens(), best[1].tokens()) ? 0 : 1;
            }
        }
        // The cases must exercise what they check: greedy is not always optimal, a cut sequence
        // sometimes wins, and the length penalty sometimes picks another sequence.
        assertTrue(differsFromGreedy > 0, "greedy was optimal in every case");
        assertTrue(cut > 0, "no case where a sequence cut at maxLength wins");
        assertTrue(penaltyChangesTheWinner > 0, "the length penalty never changed the winner");
    }

    @Test
    void widthOneIsGreedyDecoding() {
        for (long seed = 1; seed <= 40; seed++) {
            Function<int[], float[]> d = PrefixModel.random(seed, 5, seed % 3 - 1.0);
            PrefixModel m = new PrefixModel(5, 1, d);
            Hypothesis greedy = PrefixModel.greedy(d, 6);
            assertEquals(greedy, BeamSearch.greedy(6, m.start(), END).decode(m), "seed " + seed);
            // With a length penalty, width 1 still contains greedy's answer and may beat it.
            Hypothesis penalised = beam(1, 6, 0.7, m).decode(m);
            double greedyScore = greedy.logProb() / Math.pow(greedy.length(), 0.7);
            assertTrue(penalised.score() >= greedyScore, "seed " + seed + ": width 1 with penalty 0.7 scores "
                    + penalised.score() + ", greedy " + greedyScore);
        }
    }

    /** After the start: end .1, A .5, B .4; after A: end .4, A .3, B .3; after B: end .9, A .05, B .05. */
    private static float[] greedyTrap(int[] prefix) {
        if (prefix.length == 0) {
            return logs(.1, .5, .4);
        }
        if (prefix.length == 1) {
            return prefix[0] == A ? logs(.4, .3, .3) : logs(.9, .05, .05);
        }
        return logs(1 / 3.0, 1 / 3.0, 1 / 3.0);
    }

    @Test
    void beamFindsWhatGreedyMisses() {
        PrefixModel m = new PrefixModel(3, 2, BeamSearchTest::greedyTrap);
        // Greedy takes A (.5), then ends (.4): .5 * .4 = .2.
        Hypothesis greedy = BeamSearch.greedy(3, m.start(), END).decode(m);
        assertArrayEquals(new int[]{A}, greedy.tokens(), "greedy: " + greedy);
        assertEquals(Math.log(.2), greedy.logProb(), 1e-6, "greedy: " + greedy);
        // Width 2 keeps B (.4), which ends with .9: .36. The second best is greedy's A.
        List<Hypothesis> top = beam(2, 3, 0, m).decodeTop(m, 2);
        assertArrayEquals(new int[]{B}, top.get(0).tokens(), "width 2: " + top);
        assertEquals(Math.log(.36), top.get(0).logProb(), 1e-6, "width 2: " + top);
        assertTrue(top.get(0).ended(), "width 2: " + top);
        assertArrayEquals(new int[]{A}, top.get(1).tokens(), "width 2, second: " + top);
        assertEquals(2, m.calls, "both ends beat every open .15 after two steps, so the search stops");
    }

    /** After the start: end .55, A .45; after A: end .9, A .1; then even. */
    private static float[] shortOrLong(int[] prefix) {
        return prefix.length == 0 ? logs(.55, .45) : prefix.length == 1 ? logs(.9, .1) : logs(.5, .5);
    }

    @Test
    void aLengthPenaltyWaitsForALongerHypothesis() {
        PrefixModel m = new PrefixModel(2, 1, BeamSearchTest::shortOrLong);
        // Penalty 0: the empty caption (log .55 = -0.60) beats the open A (log .45 = -0.80) at once.
        Hypothesis raw = beam(1, 3, 0, m).decode(m);
        assertEquals(0, raw.tokens().length, "penalty 0: " + raw);
        assertEquals(1, m.calls, "penalty 0 stops after one step");
        // Penalty 1: A could still reach -0.80 / 3 = -0.27 > -0.60, so the search goes on and
        // finds A then end: log(.45 * .9) / 2 = -0.45. The open AA, log .045 / 3 = -1.03, cannot win.
        Hypothesis penalised = beam(1, 3, 1, m).decode(m);
        assertArrayEquals(new int[]{A}, penalised.tokens(), "penalty 1: " + penalised);
        assertEquals(Math.log(.405) / 2, penalised.score(), 1e-6, "penalty 1: " + penalised);
        assertEquals(2, m.calls, "penalty 1 stops after two steps");
        assertEquals(PrefixModel.exhaustive(BeamSearchTest::shortOrLong, 2, 3, 1).get(0), penalised,
                "the exhaustive best with penalty 1");
    }

    @Test
    void searchStopsOnceTheBestFinishedCannotBeBeaten() {
        // End has .9 after every prefix, each other token .025.
        Function<int[], float[]> d = p -> logs(.9, .025, .025, .025, .025);
        PrefixModel m = new PrefixModel(5, 3, d);
        assertEquals(0, beam(3, 10, 0, m).decode(m).tokens().length, "the empty caption wins");
        assertEquals(1, m.calls, "log .9 beats every open log .025: one step");
        assertEquals(0, beam(3, 10, 0.7, m).decode(m).tokens().length, "the empty caption wins with penalty");
        assertEquals(1, m.calls, "log .9 beats the bound log .025 / 10^0.7 = -0.74: one step");
        // The 3 best need a second step: then 3 ends of .025 * .9 beat every open .025^2.
        List<Hypothesis> top = beam(3, 10, 0, m).decodeTop(m, 3);
        assertEquals(3, top.size(), top.toString());
        assertEquals(2, m.calls, "three finished at log .0225 beat log .000625 after two steps");
        assertArrayEquals(new int[]{A}, top.get(1).tokens(), "the earlier row wins the tie: " + top);
    }

    @Test
    void maxLengthCutsAndCutHypothesesCompete() {
        Function<int[], float[]> d = p -> logs(1e-6, .6, .4 - 1e-6);
        PrefixModel m = new PrefixModel(3, 3, d);
        List<Hypothesis> top = beam(3, 6, 0.7, m).decodeTop(m, 3);
        for (Hypothesis h : top) {
            assertFalse(h.ended(), "end is too unlikely to win: " + top);
            assertEquals(6, h.tokens().length, "cut at 6 tokens: " + top);
        }
        assertArrayEquals(new int[]{A, A, A, A, A, A}, top.get(0).tokens(), top.toString());
        assertEquals(6, m.calls, "one call per token up to maxLength");
    }

    @Test
    void everyHypothesisIsConsistentWithTheModel() {
        for (long seed = 1; seed <= 20; seed++) {
            Function<int[], float[]> d = PrefixModel.random(seed, 6, seed % 3 - 1.0);
            PrefixModel m = new PrefixModel(6, 3, d);
            List<Hypothesis> top = beam(3, 7, seed % 2 * 0.7, m).decodeTop(m, 3);
            assertTrue(m.calls <= 7, "seed " + seed + ": " + m.calls + " steps for maxLength 7");
            for (int i = 0; i < top.size(); i++) {
                Hypothesis h = top.get(i);
                assertTrue(h.tokens().length <= (h.ended() ? 6 : 7), "seed " + seed + ": too long: " + h);
                assertEquals(PrefixModel.logProbOf(d, h), h.logProb(), 1e-9, "seed " + seed + ": " + h);
                assertEquals(h.logProb() / Math.pow(h.length(), seed % 2 * 0.7), h.score(), 1e-12, h.toString());
                assertTrue(i == 0 || top.get(i - 1).score() >= h.score(), "seed " + seed + ": not best first " + top);
            }
            assertEquals(top, beam(3, 7, seed % 2 * 0.7, m).decodeTop(m, 3), "seed " + seed + ": a second decode");
            assertEquals(2, m.starts, "seed " + seed + ": every decode starts the model once");
        }
    }

    @Test
    void aStepKeepsExactlyTheBestCandidates() {
        Random r = new Random(7);
        for (int capacity : new int[]{1, 2, 3, 5, 10}) {
            Candidates kept = new Candidates(capacity);
            for (int round = 0; round < 20; round++) {
                kept.clear();
                List<double[]> all = new ArrayList<>();
                for (int row = 0; row < 4; row++) {
                    for (int token = 0; token < 50; token++) {
                        // Few distinct values, so that ties and their order are exercised too.
                        double lp = -r.nextInt(12);
                        kept.offer(lp, row, token);
                        all.add(new double[]{lp, row, token});
                    }
                }
                all.sort(Comparator.<double[]>comparingDouble(c -> -c[0]).thenComparingDouble(c -> c[1])
                        .thenComparingDouble(c -> c[2]));
                kept.sort();
                assertEquals(capacity, kept.size(), "kept of 200");
                for (int i = 0; i < capacity; i++) {
                    assertArrayEquals(all.get(i), new double[]{kept.logProbs[i], kept.rows[i], kept.tokens[i]},
                            "capacity " + capacity + ", round " + round + ": candidate " + i);
                }
            }
        }
    }

    @Test
    void impossibleTokensAreSkippedAndBadOutputRejected() {
        // Only A is possible for two steps, then only the end.
        Function<int[], float[]> d = p -> p.length < 2 ? logs(0, 1, 0) : logs(1, 0, 0);
        PrefixModel m = new PrefixModel(3, 4, d);
        Hypothesis h = beam(4, 5, 0, m).decode(m);
        assertArrayEquals(new int[]{A, A}, h.tokens(), h.toString());
        assertEquals(0.0, h.logProb(), h.toString());
        PrefixModel nan = new PrefixModel(3, 2, p -> new float[]{0, Float.NaN, 0});
        assertThrows(IllegalStateException.class, () -> beam(2, 3, 0, nan).decode(nan));
        PrefixModel small = new PrefixModel(3, 2, p -> new float[]{0});
        assertThrows(IllegalStateException.class, () -> new BeamSearch(2, 3, 0, 3, 1).decode(small),
                "end token 1 outside a vocabulary of 1");
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(0, 3, 0, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(1, 0, 0, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(1, 3, -0.5, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch(1, 3, Double.NaN, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> beam(1, 3, 0, m).decodeTop(m, 0));
    }
}
