package io.sparkrnn.core.decode;

import java.util.Arrays;

/**
 * A decoded sequence as a report shows it: the tokens without start and end, the total
 * log-probability the model gave them (the end token's included when it ended), the score the
 * search ranked it by, and whether it ended or was cut at the maximum length, since a cut
 * caption is a different failure from a wrong one.
 */
public record Hypothesis(int[] tokens, double logProb, double score, boolean ended) {
    public Hypothesis {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** The length the score divides by: the tokens and, if it ended, the end token. */
    public int length() {
        return tokens.length + (ended ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hypothesis h && Arrays.equals(tokens, h.tokens) && Double.compare(logProb, h.logProb) == 0
                && Double.compare(score, h.score) == 0 && ended == h.ended;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Double.hashCode(logProb) + (ended ? 1 : 0);
    }

    @Override
    public String toString() {
        return Arrays.toString(tokens) + (ended ? " ended" : " cut") + ", log-probability " + logProb + ", score "
                + score;
    }
}
