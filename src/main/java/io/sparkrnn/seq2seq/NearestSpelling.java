package io.sparkrnn.seq2seq;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline a grapheme-to-phoneme model has to beat to be worth its training: answer each
 * word with the pronunciation of the training word spelt most like it (fewest character edits).
 * It knows every training word and nothing else, so what the network adds over it is what it
 * learnt about how spelling maps to sound. Ties go to the spelling closest in length (the
 * shorter of two as close), then to the alphabetically first, so the answer does not depend on input order or partitioning; a
 * spelling with several pronunciations answers with its first ({@link Pair#order()}).
 * Built once on the driver and broadcast: it is searched by length, with the edit distance
 * bounded by the best found so far.
 */
public final class NearestSpelling implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Integer> symbols = new HashMap<>();
    /** Training spellings by length, alphabetical within a length, as symbol ids. */
    private final Map<Integer, int[][]> spellings = new HashMap<>();
    private final Map<Integer, List<List<String>>> targets = new HashMap<>();
    private final Map<Integer, List<String>> keys = new HashMap<>();
    private final int longest;

    /** The result of a search: the training spelling found, its pronunciation and their distance. */
    public record Match(String spelling, List<String> target, int distance) implements Serializable {
    }

    public NearestSpelling(List<Pair> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("the nearest-spelling baseline needs at least one training pair");
        }
        Map<String, Pair> first = new TreeMap<>();
        for (Pair p : training) {
            String spelling = String.join(" ", p.source());
            first.merge(spelling, p, (a, b) -> b.order() < a.order() ? b : a);
        }
        Map<Integer, List<Pair>> byLength = new TreeMap<>();
        for (Pair p : first.values()) {
            byLength.computeIfAbsent(p.source().size(), k -> new ArrayList<>()).add(p);
        }
        int max = 0;
        for (Map.Entry<Integer, List<Pair>> e : byLength.entrySet()) {
            List<Pair> pairs = e.getValue();
            pairs.sort(Comparator.comparing(p -> String.join(" ", p.source())));
            int[][] ids = new int[pairs.size()][];
            List<List<String>> t = new ArrayList<>();
            List<String> k = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                ids[i] = ids(pairs.get(i).source(), true);
                t.add(pairs.get(i).target());
                k.add(pairs.get(i).key());
            }
            spellings.put(e.getKey(), ids);
            targets.put(e.getKey(), t);
            keys.put(e.getKey(), k);
            max = Math.max(max, e.getKey());
        }
        longest = max;
    }

    /** The closest training spelling to a source sequence. */
    public Match nearest(List<String> source) {
        int[] query = ids(source, false);
        int length = query.length;
        int best = Integer.MAX_VALUE - 1;
        int bestLength = -1;
        int bestIndex = -1;
        for (int offset = 0; offset <= Math.max(length, longest) && offset < best; offset++) {
            for (int candidateLength : offset == 0 ? new int[]{length} : new int[]{length - offset, length + offset}) {
                int[][] candidates = spellings.get(candidateLength);
                if (candidates == null) {
                    continue;
                }
                for (int i = 0; i < candidates.length; i++) {
                    int d = EditDistance.within(query, candidates[i], best - 1);
                    if (d < best) {
                        best = d;
                        bestLength = candidateLength;
                        bestIndex = i;
                        if (d == 0) {
                            return match(bestLength, bestIndex, 0);
                        }
                    }
                }
            }
        }
        return match(bestLength, bestIndex, best);
    }

    private Match match(int length, int index, int distance) {
        return new Match(keys.get(length).get(index), targets.get(length).get(index), distance);
    }

    private int[] ids(List<String> tokens, boolean add) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = add ? symbols.computeIfAbsent(tokens.get(i), s -> symbols.size()) : symbols.get(tokens.get(i));
            out[i] = id == null ? -1 - i : id;
        }
        return out;
    }

    /** The number of distinct training spellings searched. */
    public int size() {
        return spellings.values().stream().mapToInt(a -> a.length).sum();
    }
}
