package io.sparkrnn.seq2seq;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test word with all its accepted targets: what a system is scored on. Pairs arrive one
 * pronunciation at a time; a word is right when the output equals any of them, so they are
 * gathered by key first, in their input order (the first is the dictionary's primary one).
 *
 * @param key        the headword
 * @param source     its source tokens
 * @param references its targets, first listed first
 */
public record Word(String key, List<String> source, List<List<String>> references) implements Serializable {
    public Word {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' has no reference");
        }
        source = List.copyOf(source);
        references = references.stream().map(List::copyOf).toList();
    }

    /** The pairs of one key as a word; all must share the key and the source. */
    public static Word of(List<Pair> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a word needs at least one pair");
        }
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingLong(Pair::order));
        Pair first = sorted.get(0);
        List<List<String>> references = new ArrayList<>();
        for (Pair p : sorted) {
            if (!p.key().equals(first.key()) || !p.source().equals(first.source())) {
                throw new IllegalArgumentException("pairs of one word must share key and source: '" + first.key()
                        + "' " + first.source() + " and '" + p.key() + "' " + p.source());
            }
            if (!references.contains(p.target())) {
                references.add(p.target());
            }
        }
        return new Word(first.key(), first.source(), references);
    }

    /** Pairs gathered into words by key, keys in first-seen order. */
    public static List<Word> gather(List<Pair> pairs) {
        Map<String, List<Pair>> byKey = new LinkedHashMap<>();
        for (Pair p : pairs) {
            byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
        }
        return byKey.values().stream().map(Word::of).toList();
    }
}
