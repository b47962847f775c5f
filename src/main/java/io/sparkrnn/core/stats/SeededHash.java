package io.sparkrnn.core.stats;

/**
 * A seeded 64-bit hash of a text (FNV-1a steps, then a MurmurHash3 finaliser), the same on every
 * JVM: what a job uses where an order or a split must follow the seed and nothing else, not the
 * order files were read in or how Spark partitioned them (the shuffle of training examples, the
 * side of a split a group falls on).
 */
public final class SeededHash {
    private SeededHash() {
    }

    public static long of(long seed, String key) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    /** The hash as a number in [0, 1), evenly spread. */
    public static double unit(long seed, String key) {
        return (of(seed, key) >>> 11) * 0x1.0p-53;
    }
}
