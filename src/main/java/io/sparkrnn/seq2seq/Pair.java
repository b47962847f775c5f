package io.sparkrnn.seq2seq;

import java.io.Serializable;
import java.util.List;

/**
 * One source sequence with one of its targets: a spelling and one pronunciation. The key groups
 * the pairs that must stay on one side of the split (a headword and all its pronunciations), so
 * that no test word is scored on a pronunciation the model saw in training; the order ranks a
 * key's targets as the input lists them (CMUdict's variant number, or the line of a table), so
 * that "the first pronunciation" means the same on every run.
 *
 * @param key    the group the split keeps together (the headword)
 * @param source the source tokens (the spelling's characters)
 * @param target the target tokens (the phonemes)
 * @param order  the rank of this target among its key's targets, from 1
 */
public record Pair(String key, List<String> source, List<String> target, long order) implements Serializable {
    public Pair {
        if (source.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException("a pair needs source and target tokens: '" + key + "' has "
                    + source.size() + " and " + target.size());
        }
        source = List.copyOf(source);
        target = List.copyOf(target);
    }
}
