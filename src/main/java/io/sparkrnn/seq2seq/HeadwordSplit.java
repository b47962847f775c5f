package io.sparkrnn.seq2seq;

import io.sparkrnn.core.stats.SeededHash;

import java.io.Serializable;

/**
 * The side of the split a key falls on, by its seeded hash: all pronunciations of a headword on
 * one side (a word scored in the test never had any pronunciation in training), the same sides
 * for the same seed whatever the input order or partitioning, and each side's share close to
 * its fraction.
 *
 * @param seed       the split's seed
 * @param test       the share of keys on the test side
 * @param validation the share on the validation side
 */
public record HeadwordSplit(long seed, double test, double validation) implements Serializable {
    /** The sides. */
    public enum Side { TRAIN, VALIDATION, TEST }

    public HeadwordSplit {
        if (!(test > 0 && validation >= 0 && test + validation < 1)) {
            throw new IllegalArgumentException("expected a test share above 0 and test + validation below 1, got test "
                    + test + " and validation " + validation);
        }
    }

    /** The side of a key. */
    public Side side(String key) {
        double u = SeededHash.unit(seed, key);
        return u < test ? Side.TEST : u < test + validation ? Side.VALIDATION : Side.TRAIN;
    }
}
