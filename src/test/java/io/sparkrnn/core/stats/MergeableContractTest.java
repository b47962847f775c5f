package io.sparkrnn.core.stats;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sparkrnn.caption.Bleu;
import io.sparkrnn.caption.Nearest;
import io.sparkrnn.classify.ClassBaselines;
import io.sparkrnn.forecast.ForecastErrors;
import io.sparkrnn.lm.NgramBaselines;
import io.sparkrnn.seq2seq.TransductionErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of every aggregate merged across Spark partitions ({@link Mergeable}), checked
 * the same way for each: on random parts, merging is associative and commutative, an empty
 * aggregate is the identity, the result does not depend on how the data was split, and merge
 * never changes its argument. Every class that implements {@link Mergeable} must be listed here.
 */
class MergeableContractTest {
    private static final int PARTS = 6;

    /** An aggregate type: how to make one from random data, an empty one, and what it measures. */
    record Case<T extends Mergeable<T>>(Class<?> type, Function<Random, T> sample, Supplier<T> empty,
                                        Function<T, double[]> observe) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Case<?>> cases() {
        return Stream.of(
                new Case<>(Nearest.class, r -> new Nearest().offer(r.nextInt(4), "img" + r.nextInt(6), "c" + r.nextInt(3)),
                        Nearest::new, n -> new double[]{n.distance(), n.image() == null ? -1 : n.image().hashCode(),
                            n.caption() == null ? -1 : n.caption().hashCode()}),
                new Case<>(LossTotals.class, r -> LossTotals.of(r.nextDouble() * 5, r.nextBoolean()), LossTotals::new,
                        t -> new double[]{t.nats, t.tokens, t.correct}),
                new Case<>(Moments.class, MergeableContractTest::moments, () -> new Moments(2),
                        m -> new double[]{m.count(), m.mean(0), m.mean(1), m.variance(0), m.variance(1)}),
                new Case<>(ForecastErrors.class, MergeableContractTest::errors, ForecastErrors::new,
                        e -> new double[]{e.count(), e.mae(), e.rmse(), e.mape(), e.smape(), e.mase(),
                            e.directionalAccuracy(), e.upRate()}),
                new Case<>(NgramBaselines.History.class, r -> new NgramBaselines.History(1 + r.nextInt(9), 1,
                        r.nextInt(3), 1 + r.nextInt(3)), () -> new NgramBaselines.History(0, 0, Long.MAX_VALUE, 0),
                        h -> new double[]{h.pairs(), h.followers(), h.likeliest(), h.likeliestCount()}),
                new Case<>(NgramBaselines.Sums.class, r -> new NgramBaselines.Sums(r.nextInt(5), r.nextDouble(),
                        r.nextDouble(), r.nextInt(3), r.nextInt(3)), () -> new NgramBaselines.Sums(0, 0, 0, 0, 0),
                        s -> new double[]{s.targets(), s.unigramNats(), s.bigramNats(), s.unigramHits(),
                            s.bigramHits()}),
                new Case<>(ClassBaselines.Centroids.class, r -> new ClassBaselines.Centroids(2, 2)
                        .add(r.nextInt(2), new double[]{r.nextGaussian(), r.nextGaussian()}),
                        () -> new ClassBaselines.Centroids(2, 2), c -> flatten(c.means())),
                new Case<>(ClassBaselines.Hits.class, r -> new ClassBaselines.Hits(1, r.nextInt(2), r.nextInt(2)),
                        () -> new ClassBaselines.Hits(0, 0, 0),
                        h -> new double[]{h.sequences(), h.majority(), h.centroid()}),
                new Case<>(Bleu.Counts.class, MergeableContractTest::bleuCounts, () -> Bleu.Counts.empty(3),
                        MergeableContractTest::bleuParts),
                new Case<>(TransductionErrors.class, MergeableContractTest::transductionErrors,
                        TransductionErrors::new, e -> new double[]{e.words(), e.wrongWords(), e.edits(),
                            e.referenceTokens(), e.wordsOfLength(1), e.wordsOfLength(3), e.wordsOfLength(25)}));
    }

    private static Moments moments(Random r) {
        Moments m = new Moments(2);
        for (int i = r.nextInt(4); i >= 0; i--) {
            m.add(new float[]{(float) r.nextGaussian() * 10 + 3, (float) r.nextDouble()});
        }
        return m;
    }

    private static ForecastErrors errors(Random r) {
        ForecastErrors e = new ForecastErrors();
        for (int i = r.nextInt(3); i >= 0; i--) {
            e.add(100 + r.nextGaussian(), 100 + r.nextGaussian(), 100, r.nextBoolean() ? 2 : Double.NaN);
        }
        return e;
    }

    /** One random caption of 0 to 5 words over a 4-word vocabulary against one or two references. */
    private static Bleu.Counts bleuCounts(Random r) {
        List<List<String>> references = new ArrayList<>();
        for (int i = r.nextInt(2); i >= 0; i--) {
            references.add(words(r, 1 + r.nextInt(5)));
        }
        return Bleu.Counts.of(words(r, r.nextInt(6)), references, 3);
    }

    /** One or two random outputs of 0 to 5 tokens, each against one reference, for sources of 1 to 25 letters. */
    private static TransductionErrors transductionErrors(Random r) {
        TransductionErrors e = new TransductionErrors();
        for (int i = r.nextInt(2); i >= 0; i--) {
            e.add(words(r, r.nextInt(6)), List.of(words(r, 1 + r.nextInt(5))), 1 + r.nextInt(25));
        }
        return e;
    }

    private static List<String> words(Random r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("w" + r.nextInt(4));
        }
        return out;
    }

    private static double[] bleuParts(Bleu.Counts c) {
        Bleu.Score s = c.score();
        long[] m = c.matches();
        long[] t = c.totals();
        return new double[]{m[0], m[1], m[2], t[0], t[1], t[2], c.candidateLength(), c.referenceLength(), s.bleu(),
            s.brevityPenalty()};
    }

    private static double[] flatten(double[][] m) {
        List<Double> out = new ArrayList<>();
        for (double[] row : m) {
            if (row == null) {
                out.add(Double.NaN);
            } else {
                for (double v : row) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Fresh parts from the same seed: merge may change its receiver, so every check builds its own. */
    private static <T extends Mergeable<T>> List<T> parts(Case<T> c, long seed) {
        Random r = new Random(seed);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < PARTS; i++) {
            out.add(c.sample().apply(r));
        }
        return out;
    }

    private static <T extends Mergeable<T>> T fold(Case<T> c, List<T> parts) {
        T acc = c.empty().get();
        for (T p : parts) {
            acc = acc.merge(p);
        }
        return acc;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T extends Mergeable<T>> void mergingIsAssociativeCommutativeAndSplitIndependent(Case<T> c) {
        for (long seed = 1; seed <= 20; seed++) {
            double[] sequential = c.observe().apply(fold(c, parts(c, seed)));
            List<T> reversed = parts(c, seed);
            Collections.reverse(reversed);
            near(sequential, c.observe().apply(fold(c, reversed)), c + " in reverse order, seed " + seed);
            List<T> p = parts(c, seed);
            T left = p.get(0).merge(p.get(1)).merge(p.get(2));
            List<T> q = parts(c, seed);
            T right = q.get(0).merge(q.get(1).merge(q.get(2)));
            near(c.observe().apply(left), c.observe().apply(right), c + ": (a+b)+c against a+(b+c), seed " + seed);
            List<T> halves = parts(c, seed);
            T firstHalf = fold(c, halves.subList(0, PARTS / 2));
            T secondHalf = fold(c, halves.subList(PARTS / 2, PARTS));
            near(sequential, c.observe().apply(secondHalf.merge(firstHalf)), c + " split in two, seed " + seed);
            List<T> pair = parts(c, seed);
            double[] argument = c.observe().apply(pair.get(1));
            pair.get(0).merge(pair.get(1));
            near(argument, c.observe().apply(pair.get(1)), c + ": merge changed its argument, seed " + seed);
            T alone = parts(c, seed).get(0);
            near(c.observe().apply(parts(c, seed).get(0)), c.observe().apply(c.empty().get().merge(alone)),
                    c + ": an empty aggregate is not the identity, seed " + seed);
        }
    }

    private static void near(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), what + ": value " + i + " is " + actual[i] + ", expected NaN");
            } else {
                assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])),
                        what + ": value " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    @Test
    void everyMergeableOfTheProjectIsChecked() {
        Set<String> implementations = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.sparkrnn")
                .stream().filter(c -> c.isAssignableTo(Mergeable.class) && !c.isInterface())
                .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> checked = cases().map(c -> c.type().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(implementations, checked, "aggregates that implement Mergeable against those this test checks");
    }
}
