package io.sparkrnn.caption;

import io.sparkrnn.core.stats.Mergeable;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus-level BLEU (Papineni et al. 2002), the score caption papers report, so that our numbers
 * compare with theirs: n-gram matches and totals are summed over the whole corpus before any
 * division, which is why this is not a mean of sentence scores. The sums are kept as
 * {@link Counts}, which merge across Spark partitions, and a {@link Score} keeps every part of the
 * formula (per-order precisions, lengths, brevity penalty) so a report can show where a value
 * comes from. No smoothing, as in the paper and in NLTK's {@code corpus_bleu} default: a corpus
 * without a single match at some order scores 0.
 */
public final class Bleu {
    private Bleu() {
    }

    /** Corpus BLEU of candidates against their references, n-grams of orders 1 to maxOrder, weighted alike. */
    public static double bleu(List<List<String>> candidates, List<List<List<String>>> references, int maxOrder) {
        return score(candidates, references, maxOrder).bleu();
    }

    /** Corpus BLEU with its parts. */
    public static Score score(List<List<String>> candidates, List<List<List<String>>> references, int maxOrder) {
        return counts(candidates, references, maxOrder).score();
    }

    /** The corpus sums; candidate i is scored against references.get(i), which holds one or more references. */
    public static Counts counts(List<List<String>> candidates, List<List<List<String>>> references, int maxOrder) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException(candidates.size() + " candidates but references for "
                    + references.size());
        }
        Counts total = Counts.empty(maxOrder);
        for (int i = 0; i < candidates.size(); i++) {
            total = total.merge(Counts.of(candidates.get(i), references.get(i), maxOrder));
        }
        return total;
    }

    /**
     * The sums BLEU is made of, for orders 1 to {@code matches.length}: clipped n-gram matches and
     * candidate n-grams per order (index 0 for unigrams), total candidate length c and effective
     * reference length r. Sums, so that partitions add up exactly; immutable, so {@code merge}
     * returns a new value.
     */
    public record Counts(long[] matches, long[] totals, long candidateLength, long referenceLength)
            implements Mergeable<Counts>, Serializable {
        public Counts {
            if (matches.length < 1 || matches.length != totals.length) {
                throw new IllegalArgumentException("matches for " + matches.length + " orders, totals for "
                        + totals.length + "; at least one order is needed");
            }
            matches = matches.clone();
            totals = totals.clone();
        }

        /** The identity of {@link #merge}: nothing counted yet. */
        public static Counts empty(int maxOrder) {
            requireOrder(maxOrder);
            return new Counts(new long[maxOrder], new long[maxOrder], 0, 0);
        }

        /**
         * One candidate against its references: an n-gram counts as matched at most as many times
         * as it occurs in the single reference that holds it most often (the clipping that keeps
         * "the the the" from scoring), and the reference length is the one closest to the
         * candidate's, the shorter on a tie.
         */
        public static Counts of(List<String> candidate, List<List<String>> references, int maxOrder) {
            requireOrder(maxOrder);
            if (references.isEmpty()) {
                throw new IllegalArgumentException("a candidate needs at least one reference: " + candidate);
            }
            long[] matches = new long[maxOrder];
            long[] totals = new long[maxOrder];
            for (int n = 1; n <= maxOrder; n++) {
                Map<List<String>, Integer> own = ngrams(candidate, n);
                Map<List<String>, Integer> allowed = new HashMap<>();
                for (List<String> reference : references) {
                    ngrams(reference, n).forEach((g, k) -> allowed.merge(g, k, Math::max));
                }
                for (Map.Entry<List<String>, Integer> e : own.entrySet()) {
                    matches[n - 1] += Math.min(e.getValue(), allowed.getOrDefault(e.getKey(), 0));
                    totals[n - 1] += e.getValue();
                }
            }
            return new Counts(matches, totals, candidate.size(), closestLength(candidate.size(), references));
        }

        public int maxOrder() {
            return matches.length;
        }

        @Override
        public long[] matches() {
            return matches.clone();
        }

        @Override
        public long[] totals() {
            return totals.clone();
        }

        @Override
        public Counts merge(Counts o) {
            if (o.matches.length != matches.length) {
                throw new IllegalArgumentException("cannot merge counts of orders 1.." + matches.length
                        + " with counts of orders 1.." + o.matches.length);
            }
            long[] m = matches.clone();
            long[] t = totals.clone();
            for (int i = 0; i < m.length; i++) {
                m[i] += o.matches[i];
                t[i] += o.totals[i];
            }
            return new Counts(m, t, candidateLength + o.candidateLength, referenceLength + o.referenceLength);
        }

        /**
         * BLEU from these sums: BP times the geometric mean of the precisions matches/totals, with
         * BP = 1 if c > r, else exp(1 - r/c). A precision of 0, or of 0/0 (no candidate as long as
         * n), makes BLEU 0, and so does c = 0, where BP is taken as 0 (as NLTK does).
         */
        public Score score() {
            double bp;
            if (candidateLength == 0) {
                bp = 0;
            } else {
                bp = candidateLength > referenceLength ? 1 : Math.exp(1 - (double) referenceLength / candidateLength);
            }
            double logSum = 0;
            boolean zero = bp == 0;
            for (int i = 0; i < matches.length && !zero; i++) {
                zero = matches[i] == 0;
                logSum += zero ? 0 : Math.log((double) matches[i] / totals[i]);
            }
            double bleu = zero ? 0 : bp * Math.exp(logSum / matches.length);
            return new Score(bleu, matches, totals, candidateLength, referenceLength, bp);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Counts c && Arrays.equals(matches, c.matches) && Arrays.equals(totals, c.totals)
                    && candidateLength == c.candidateLength && referenceLength == c.referenceLength;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(matches) + Arrays.hashCode(totals))
                    + Long.hashCode(candidateLength * 31 + referenceLength);
        }

        @Override
        public String toString() {
            return "Counts[matches=" + Arrays.toString(matches) + ", totals=" + Arrays.toString(totals)
                    + ", c=" + candidateLength + ", r=" + referenceLength + "]";
        }
    }

    /**
     * BLEU with the parts a report shows: clipped matches and candidate n-grams per order (index 0
     * for unigrams), candidate length c, effective reference length r and the brevity penalty.
     */
    public record Score(double bleu, long[] matches, long[] totals, long candidateLength, long referenceLength,
                        double brevityPenalty) {
        public Score {
            matches = matches.clone();
            totals = totals.clone();
        }

        /** The clipped precision of one order (1 for unigrams); NaN when no candidate n-gram of that order exists. */
        public double precision(int order) {
            return totals[order - 1] == 0 ? Double.NaN : (double) matches[order - 1] / totals[order - 1];
        }

        @Override
        public long[] matches() {
            return matches.clone();
        }

        @Override
        public long[] totals() {
            return totals.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Score s && Double.compare(bleu, s.bleu) == 0 && Arrays.equals(matches, s.matches)
                    && Arrays.equals(totals, s.totals) && candidateLength == s.candidateLength
                    && referenceLength == s.referenceLength && Double.compare(brevityPenalty, s.brevityPenalty) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Double.hashCode(bleu) + Arrays.hashCode(matches)) + Arrays.hashCode(totals);
        }

        @Override
        public String toString() {
            return String.format("BLEU-%d %.4f (matches %s of %s, c=%d, r=%d, BP %.4f)", matches.length, bleu,
                    Arrays.toString(matches), Arrays.toString(totals), candidateLength, referenceLength,
                    brevityPenalty);
        }
    }

    private static void requireOrder(int maxOrder) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be at least 1, got " + maxOrder);
        }
    }

    /** How often each n-gram occurs; sub-lists are views, equal to any list with the same tokens. */
    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }

    private static long closestLength(int length, List<List<String>> references) {
        int best = references.get(0).size();
        for (List<String> reference : references) {
            int r = reference.size();
            int d = Math.abs(r - length);
            int bestD = Math.abs(best - length);
            if (d < bestD || d == bestD && r < best) {
                best = r;
            }
        }
        return best;
    }
}
