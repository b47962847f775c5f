package io.sparkrnn.seq2seq;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Levenshtein distance between token sequences (insertions, deletions and substitutions, each
 * costing 1): the numerator of the phoneme error rate, and the similarity of spellings the
 * nearest-spelling baseline searches by. The bounded form stops as soon as the distance must
 * exceed a bound, which is what makes a search over 100,000 training spellings affordable:
 * most candidates are abandoned after a few rows.
 */
public final class EditDistance {
    private EditDistance() {
    }

    /** The edit distance between a and b. */
    public static int between(List<String> a, List<String> b) {
        return within(a, b, Integer.MAX_VALUE - 1);
    }

    /**
     * The edit distance between a and b if it is at most {@code bound}, otherwise
     * {@code bound + 1} (the exact value beyond the bound is not computed).
     */
    public static int within(List<String> a, List<String> b, int bound) {
        Map<String, Integer> ids = new HashMap<>();
        return within(ids(a, ids), ids(b, ids), bound);
    }

    private static int[] ids(List<String> tokens, Map<String, Integer> ids) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(tokens.get(i), t -> ids.size());
        }
        return out;
    }

    /** {@link #within(List, List, int)} on token ids, for searches that compare one query with many. */
    public static int within(int[] a, int[] b, int bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("bound must be at least 0, got " + bound);
        }
        int n = a.length;
        int m = b.length;
        if (Math.abs(n - m) > bound) {
            return bound + 1;
        }
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = i;
            int ai = a[i - 1];
            for (int j = 1; j <= m; j++) {
                int d = Math.min(previous[j - 1] + (ai == b[j - 1] ? 0 : 1), Math.min(previous[j], current[j - 1]) + 1);
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > bound) {
                return bound + 1;
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return Math.min(previous[m], bound + 1);
    }
}
