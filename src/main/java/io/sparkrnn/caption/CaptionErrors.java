package io.sparkrnn.caption;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a captioner's wrong captions go wrong, beyond what BLEU says: which reference words it
 * replaces by which (a "dress" said where a "t-shirt" is shown), and how many of its wrong
 * captions are captions of training images word for word. The first tells which things the
 * encoder confuses; the second whether the decoder, when unsure, falls back on a caption it has
 * seen rather than composing a new one, the failure that new combinations of known things show.
 *
 * @param wrong          test images whose caption equals none of their references
 * @param seenInTraining of those, the captions some training image has too (-1: not counted)
 * @param substitutions  the most frequent word substitutions, most frequent first
 * @param wrongCaptions  the wrong captions, as words joined by spaces (for counting those seen in training)
 */
public record CaptionErrors(int wrong, long seenInTraining, List<Substitution> substitutions,
                            List<String> wrongCaptions) implements Serializable {
    /** Reference words the caption says differently (a phrase, or "" for words it adds), and how often. */
    public record Substitution(String reference, String generated, int count) implements Serializable {
    }

    /**
     * The wrong captions and their substitutions against, for each image, the reference nearest
     * in words (Levenshtein distance over words; ties: the first reference). Words are compared
     * as {@link CaptionVocabulary#words} splits them.
     */
    static CaptionErrors of(List<String> captions, List<List<String>> references, boolean lowercase, int top) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < captions.size(); i++) {
            List<String> said = CaptionVocabulary.words(captions.get(i), lowercase);
            List<String> best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String r : references.get(i)) {
                List<String> ref = CaptionVocabulary.words(r, lowercase);
                int d = distance(ref, said)[ref.size()][said.size()];
                if (d < bestDistance) {
                    best = ref;
                    bestDistance = d;
                }
            }
            if (best == null || bestDistance == 0) {
                continue;
            }
            wrong.add(String.join(" ", said));
            for (List<String> pair : substitutions(best, said)) {
                counts.merge(pair, 1, Integer::sum);
            }
        }
        List<Substitution> ranked = new ArrayList<>();
        counts.forEach((pair, n) -> ranked.add(new Substitution(pair.get(0), pair.get(1), n)));
        ranked.sort(Comparator.comparingInt((Substitution s) -> -s.count()).thenComparing(Substitution::reference)
                .thenComparing(Substitution::generated));
        return new CaptionErrors(wrong.size(), -1, List.copyOf(ranked.subList(0, Math.min(top, ranked.size()))),
                List.copyOf(wrong));
    }

    /** The same with the number of wrong captions that training images have too. */
    CaptionErrors withSeenInTraining(long seen) {
        return new CaptionErrors(wrong, seen, substitutions, wrongCaptions);
    }

    /** The table of word edit distances between every prefix of {@code a} and of {@code b}. */
    private static int[][] distance(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int same = a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + same, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return d;
    }

    /**
     * The (reference words, generated words) pairs of one cheapest alignment, from its end: each
     * run of words between two words the captions share, as phrases ("an ankle boot" said as "a
     * sneaker" is one pair, not a word "an" said as "a" and "ankle" as "sneaker" with "boot"
     * left out). A side may be empty: "" said as "red" is an inserted word.
     */
    static List<List<String>> substitutions(List<String> reference, List<String> generated) {
        int[][] d = distance(reference, generated);
        List<List<String>> out = new ArrayList<>();
        Deque<String> refRun = new ArrayDeque<>();
        Deque<String> genRun = new ArrayDeque<>();
        int i = reference.size();
        int j = generated.size();
        while (i > 0 || j > 0) {
            boolean diagonal = i > 0 && j > 0;
            boolean same = diagonal && reference.get(i - 1).equals(generated.get(j - 1));
            if (diagonal && d[i][j] == d[i - 1][j - 1] + (same ? 0 : 1)) {
                if (same) {
                    flush(refRun, genRun, out);
                } else {
                    refRun.addFirst(reference.get(i - 1));
                    genRun.addFirst(generated.get(j - 1));
                }
                i--;
                j--;
            } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
                refRun.addFirst(reference.get(--i));
            } else {
                genRun.addFirst(generated.get(--j));
            }
        }
        flush(refRun, genRun, out);
        return out;
    }

    private static void flush(Deque<String> refRun, Deque<String> genRun, List<List<String>> out) {
        if (!refRun.isEmpty() || !genRun.isEmpty()) {
            out.add(List.of(String.join(" ", refRun), String.join(" ", genRun)));
            refRun.clear();
            genRun.clear();
        }
    }
}
