package io.sparkrnn.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the batch files, and how it groups them into averaging
 * rounds of {@code workers x averagingFrequency} files. The order is a seeded affine
 * permutation {@code i -> (a i + b) mod n}: a different order every epoch, the same on every
 * run, computed on the fly so the driver keeps no list of files.
 */
public final class RoundSchedule {
    private final long files;
    private final int filesPerRound;
    private final long multiplier;
    private final long offset;

    public RoundSchedule(long files, int workers, int averagingFrequency, long seed, int epoch) {
        if (files < 1) {
            throw new IllegalArgumentException("no batch files to train on");
        }
        this.files = files;
        this.filesPerRound = workers * averagingFrequency;
        SplittableRandom random = new SplittableRandom(seed * 31 + epoch);
        long a = files == 1 ? 1 : 1 + random.nextLong(files - 1);
        while (gcd(a, files) != 1) {
            a = a % (files - 1) + 1;
        }
        this.multiplier = a;
        this.offset = random.nextLong(files);
    }

    public int rounds() {
        return (int) ((files + filesPerRound - 1) / filesPerRound);
    }

    /** Indices of the batch files trained in round {@code r} (0-based). */
    public List<Long> round(int r) {
        List<Long> out = new ArrayList<>(filesPerRound);
        long from = (long) r * filesPerRound;
        long to = Math.min(files, from + filesPerRound);
        for (long i = from; i < to; i++) {
            out.add(fileAt(i));
        }
        return out;
    }

    /** The file visited at step {@code i} of the epoch. */
    long fileAt(long i) {
        return Math.floorMod(Math.addExact(multiplyMod(multiplier, i, files), offset), files);
    }

    private static long multiplyMod(long a, long b, long m) {
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                .mod(java.math.BigInteger.valueOf(m)).longValue();
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
