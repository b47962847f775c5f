package io.sparkrnn.seq2seq;

import io.sparkrnn.core.stats.Mergeable;

import java.io.Serializable;
import java.util.List;

/**
 * Word and token error rates of outputs against their references, the two numbers
 * grapheme-to-phoneme papers report, as sums that merge across Spark partitions. A word is
 * right when the output equals any of its references (a word with two accepted pronunciations
 * is right with either); its token errors are the edit distance to the closest reference,
 * divided, over the corpus, by the summed lengths of those closest references. Words are also
 * counted by source length, so a report can show where errors grow.
 */
public final class TransductionErrors implements Mergeable<TransductionErrors>, Serializable {
    private static final long serialVersionUID = 1L;
    /** Source lengths counted one by one up to here; longer words share the last bucket. */
    public static final int LONGEST_COUNTED = 20;

    private long words;
    private long wrongWords;
    private long edits;
    private long referenceTokens;
    private final long[] wordsByLength = new long[LONGEST_COUNTED + 1];
    private final long[] wrongByLength = new long[LONGEST_COUNTED + 1];

    /** Adds one output with its references; sourceLength places it on the error curve. */
    public TransductionErrors add(List<String> output, List<List<String>> references, int sourceLength) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("an output needs at least one reference: " + output);
        }
        int bestEdits = Integer.MAX_VALUE;
        int bestLength = 0;
        for (List<String> reference : references) {
            int d = EditDistance.between(output, reference);
            if (d < bestEdits || d == bestEdits && reference.size() > bestLength) {
                bestEdits = d;
                bestLength = reference.size();
            }
        }
        int bucket = Math.max(0, Math.min(sourceLength, LONGEST_COUNTED));
        words++;
        wordsByLength[bucket]++;
        edits += bestEdits;
        referenceTokens += bestLength;
        if (bestEdits > 0) {
            wrongWords++;
            wrongByLength[bucket]++;
        }
        return this;
    }

    @Override
    public TransductionErrors merge(TransductionErrors other) {
        words += other.words;
        wrongWords += other.wrongWords;
        edits += other.edits;
        referenceTokens += other.referenceTokens;
        for (int i = 0; i <= LONGEST_COUNTED; i++) {
            wordsByLength[i] += other.wordsByLength[i];
            wrongByLength[i] += other.wrongByLength[i];
        }
        return this;
    }

    /** Words scored. */
    public long words() {
        return words;
    }

    /** Words whose output equals none of their references. */
    public long wrongWords() {
        return wrongWords;
    }

    /** Summed edit distances to the closest references. */
    public long edits() {
        return edits;
    }

    /** Summed lengths of the closest references. */
    public long referenceTokens() {
        return referenceTokens;
    }

    /** Wrong words over words; NaN when nothing was scored. */
    public double wordErrorRate() {
        return words == 0 ? Double.NaN : (double) wrongWords / words;
    }

    /** Edits over reference tokens; NaN when nothing was scored. */
    public double tokenErrorRate() {
        return referenceTokens == 0 ? Double.NaN : (double) edits / referenceTokens;
    }

    /** Words of a source length (the last bucket holds the longer ones too). */
    public long wordsOfLength(int length) {
        return wordsByLength[bucket(length)];
    }

    /** Word error rate among words of a source length; NaN where there are none. */
    public double wordErrorRateOfLength(int length) {
        int b = bucket(length);
        return wordsByLength[b] == 0 ? Double.NaN : (double) wrongByLength[b] / wordsByLength[b];
    }

    private static int bucket(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("a length is at least 0, got " + length);
        }
        return Math.min(length, LONGEST_COUNTED);
    }
}
