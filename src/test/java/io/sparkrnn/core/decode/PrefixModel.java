package io.sparkrnn.core.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test decoder whose next-token distribution is a pure function of the whole prefix, and
 * which keeps every row's prefix as its state the way a recurrent network keeps hidden states:
 * a row continues the row its parent names. So if the search announced the wrong parents, the
 * model would score the wrong prefixes and the log-probabilities would not add up; and every
 * call is checked against what the search may send. Token 0 ends a sequence; the start token is
 * the vocabulary size, outside the output vocabulary.
 */
final class PrefixModel implements StepModel {
    static final int END = 0;

    final int vocabulary;
    final int maxRows;
    private final Function<int[], float[]> distribution;
    private int[][] states;
    int starts;
    int calls;

    PrefixModel(int vocabulary, int maxRows, Function<int[], float[]> distribution) {
        this.vocabulary = vocabulary;
        this.maxRows = maxRows;
        this.distribution = distribution;
    }

    int start() {
        return vocabulary;
    }

    @Override
    public void start(int rows) {
        assertTrue(rows >= 1, "start with " + rows + " rows");
        states = new int[rows][];
        starts++;
        calls = 0;
    }

    @Override
    public float[][] next(int[] parents, int[] tokens) {
        assertEquals(parents.length, tokens.length, "parents and tokens for different numbers of rows");
        assertTrue(parents.length >= 1 && parents.length <= maxRows, parents.length + " rows, at most " + maxRows);
        int[][] next = new int[parents.length][];
        Set<List<Integer>> distinct = new HashSet<>();
        for (int i = 0; i < parents.length; i++) {
            int p = parents[i];
            assertTrue(p >= 0 && p < states.length, "row " + i + " continues row " + p + " of " + states.length);
            if (calls == 0) {
                assertNull(states[p], "the first step must continue an initial state");
                assertEquals(start(), tokens[i], "the first step reads the start token");
                next[i] = new int[0];
            } else {
                assertTrue(tokens[i] > END && tokens[i] < vocabulary, "row " + i + " reads token " + tokens[i]
                        + ": neither end, start nor outside the vocabulary of " + vocabulary);
                next[i] = Arrays.copyOf(states[p], states[p].length + 1);
                next[i][states[p].length] = tokens[i];
            }
            assertTrue(distinct.add(Arrays.stream(next[i]).boxed().toList()),
                    "two rows hold the same hypothesis " + Arrays.toString(next[i]));
        }
        states = next;
        calls++;
        float[][] out = new float[next.length][];
        for (int i = 0; i < next.length; i++) {
            out[i] = distribution.apply(next[i]);
        }
        return out;
    }

    /** Log-probabilities seeded from the prefix; endBias shifts the end token's logit. */
    static Function<int[], float[]> random(long seed, int vocabulary, double endBias) {
        return prefix -> {
            Random r = new Random(seed * 1_000_003L + Arrays.hashCode(prefix));
            double[] logits = new double[vocabulary];
            for (int t = 0; t < vocabulary; t++) {
                logits[t] = 1.5 * r.nextGaussian() + (t == END ? endBias : 0);
            }
            return logSoftmax(logits);
        };
    }

    /** Log-probabilities of the given probabilities (0 becomes -infinity). */
    static float[] logs(double... probabilities) {
        float[] out = new float[probabilities.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = (float) Math.log(probabilities[t]);
        }
        return out;
    }

    private static float[] logSoftmax(double[] logits) {
        double max = Arrays.stream(logits).max().orElseThrow();
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        float[] out = new float[logits.length];
        for (int t = 0; t < logits.length; t++) {
            out[t] = (float) (logits[t] - max - Math.log(sum));
        }
        return out;
    }

    /**
     * Every sequence the search could return, best score first: each prefix shorter than
     * maxLength followed by the end token, and each of maxLength tokens without it. Log-probabilities
     * are added in the order the search adds them, so the values match exactly.
     */
    static List<Hypothesis> exhaustive(Function<int[], float[]> distribution, int vocabulary, int maxLength,
                                       double lengthPenalty) {
        List<Hypothesis> all = new ArrayList<>();
        walk(distribution, vocabulary, maxLength, lengthPenalty, new int[0], 0, all);
        all.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return all;
    }

    private static void walk(Function<int[], float[]> distribution, int vocabulary, int maxLength,
                             double lengthPenalty, int[] prefix, double logProb, List<Hypothesis> all) {
        float[] lp = distribution.apply(prefix);
        double ended = logProb + lp[END];
        all.add(new Hypothesis(prefix, ended, ended / Math.pow(prefix.length + 1, lengthPenalty), true));
        for (int t = 1; t < vocabulary; t++) {
            int[] longer = Arrays.copyOf(prefix, prefix.length + 1);
            longer[prefix.length] = t;
            double l = logProb + lp[t];
            if (longer.length == maxLength) {
                all.add(new Hypothesis(longer, l, l / Math.pow(maxLength, lengthPenalty), false));
            } else {
                walk(distribution, vocabulary, maxLength, lengthPenalty, longer, l, all);
            }
        }
    }

    /** Greedy decoding written out: the likeliest token (the smaller on a tie) until the end token. */
    static Hypothesis greedy(Function<int[], float[]> distribution, int maxLength) {
        int[] prefix = new int[0];
        double logProb = 0;
        while (true) {
            float[] lp = distribution.apply(prefix);
            int best = 0;
            for (int t = 1; t < lp.length; t++) {
                best = lp[t] > lp[best] ? t : best;
            }
            logProb += lp[best];
            if (best == END) {
                return new Hypothesis(prefix, logProb, logProb, true);
            }
            prefix = Arrays.copyOf(prefix, prefix.length + 1);
            prefix[prefix.length - 1] = best;
            if (prefix.length == maxLength) {
                return new Hypothesis(prefix, logProb, logProb, false);
            }
        }
    }

    /** The log-probability the distribution gives a hypothesis, recomputed from its tokens alone. */
    static double logProbOf(Function<int[], float[]> distribution, Hypothesis h) {
        int[] tokens = h.tokens();
        double logProb = 0;
        for (int i = 0; i < tokens.length; i++) {
            assertNotEquals(END, tokens[i], "the end token inside " + h);
            logProb += distribution.apply(Arrays.copyOf(tokens, i))[tokens[i]];
        }
        return h.ended() ? logProb + distribution.apply(tokens)[END] : logProb;
    }
}
