package io.sparkrnn.lm;

import io.sparkrnn.core.stats.Mergeable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.Optional;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.api.java.function.PairFunction;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Computes {@link Baselines} with Spark from the windows the model trains and is evaluated
 * on. Bigram counts stay distributed (a word vocabulary has millions of possible pairs); only
 * per-token tables of vocabulary size reach the driver.
 */
public final class NgramBaselines {
    private NgramBaselines() {
    }

    public static Baselines compute(JavaRDD<Window> train, JavaRDD<Window> validation, int vocabularySize) {
        JavaPairRDD<Long, Long> trainPairs = train.flatMapToPair(new Pairs(vocabularySize))
                .reduceByKey(Long::sum).cache();
        long[] unigram = new long[vocabularySize];
        for (Tuple2<Integer, Long> e : trainPairs.mapToPair(new TargetCount(vocabularySize))
                .reduceByKey(Long::sum).collect()) {
            unigram[e._1()] = e._2();
        }
        long[] history = new long[vocabularySize];
        long[] followers = new long[vocabularySize];
        int[] likeliest = new int[vocabularySize];
        for (Tuple2<Integer, History> e : trainPairs.mapToPair(new HistoryStats(vocabularySize))
                .reduceByKey(History::merge).collect()) {
            History h = e._2();
            history[e._1()] = h.pairs();
            followers[e._1()] = h.followers();
            likeliest[e._1()] = (int) h.likeliest();
        }
        Tables tables = new Tables(unigram, history, followers, likeliest);
        Sums sums = validation.flatMapToPair(new Pairs(vocabularySize)).reduceByKey(Long::sum)
                .leftOuterJoin(trainPairs)
                .map(new Score(tables))
                .reduce(Sums::merge);
        trainPairs.unpersist();
        long n = (long) sums.targets();
        if (n == 0) {
            throw new IllegalStateException("the validation part has no scored targets");
        }
        return new Baselines(Math.log(vocabularySize), sums.unigramNats() / n, sums.bigramNats() / n,
                sums.unigramHits() / n, sums.bigramHits() / n, n);
    }

    /** Per-token tables from the training counts. */
    static final class Tables implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] unigram;
        final long[] history;
        final long[] followers;
        final int[] likeliestNext;
        final long total;
        final int mostFrequent;

        Tables(long[] unigram, long[] history, long[] followers, int[] likeliestNext) {
            this.unigram = unigram;
            this.history = history;
            this.followers = followers;
            this.likeliestNext = likeliestNext;
            long t = 0;
            int best = 0;
            for (int i = 0; i < unigram.length; i++) {
                t += unigram[i];
                if (unigram[i] > unigram[best]) {
                    best = i;
                }
            }
            this.total = t;
            this.mostFrequent = best;
        }

        double unigramProbability(int b) {
            return (unigram[b] + 1.0) / (total + unigram.length);
        }

        double bigramProbability(int a, int b, long pairCount) {
            double pu = unigramProbability(b);
            if (history[a] == 0) {
                return pu;
            }
            return (pairCount + followers[a] * pu) / (history[a] + followers[a]);
        }
    }

    /** Scored (input, target) pairs of a window, keyed {@code a * V + b}. */
    record Pairs(int vocabularySize) implements PairFlatMapFunction<Window, Long, Long> {
        @Override
        public Iterator<Tuple2<Long, Long>> call(Window w) {
            List<Tuple2<Long, Long>> out = new ArrayList<>(w.length());
            for (int t = w.scoredFrom(); t < w.length(); t++) {
                out.add(new Tuple2<>((long) w.token(t) * vocabularySize + w.token(t + 1), 1L));
            }
            return out.iterator();
        }
    }

    /** (target b, count) of a pair {@code a * V + b}. */
    record TargetCount(int vocabularySize) implements PairFunction<Tuple2<Long, Long>, Integer, Long> {
        @Override
        public Tuple2<Integer, Long> call(Tuple2<Long, Long> pair) {
            return new Tuple2<>((int) (pair._1() % vocabularySize), pair._2());
        }
    }

    /**
     * What follows a history token in the training pairs: how many pairs, how many distinct
     * followers, and the likeliest follower with its count (the smaller id on a tie).
     */
    public record History(long pairs, long followers, long likeliest, long likeliestCount)
            implements Mergeable<History>, Serializable {
        @Override
        public History merge(History o) {
            boolean mine = likeliestCount > o.likeliestCount || likeliestCount == o.likeliestCount
                    && likeliest < o.likeliest;
            return new History(pairs + o.pairs, followers + o.followers, mine ? likeliest : o.likeliest,
                    mine ? likeliestCount : o.likeliestCount);
        }
    }

    /** (history a, its {@link History} from one distinct pair {@code a * V + b}). */
    record HistoryStats(int vocabularySize) implements PairFunction<Tuple2<Long, Long>, Integer, History> {
        @Override
        public Tuple2<Integer, History> call(Tuple2<Long, Long> pair) {
            long b = pair._1() % vocabularySize;
            return new Tuple2<>((int) (pair._1() / vocabularySize), new History(pair._2(), 1, b, pair._2()));
        }
    }

    /** Scored targets, the baselines' nats over them and their top-1 hits. */
    public record Sums(double targets, double unigramNats, double bigramNats, double unigramHits, double bigramHits)
            implements Mergeable<Sums>, Serializable {
        @Override
        public Sums merge(Sums o) {
            return new Sums(targets + o.targets, unigramNats + o.unigramNats, bigramNats + o.bigramNats,
                    unigramHits + o.unigramHits, bigramHits + o.bigramHits);
        }
    }

    /** The {@link Sums} of one distinct validation pair. */
    record Score(Tables tables) implements Function<Tuple2<Long, Tuple2<Long, Optional<Long>>>, Sums> {
        @Override
        public Sums call(Tuple2<Long, Tuple2<Long, Optional<Long>>> pair) {
            int v = tables.unigram.length;
            int a = (int) (pair._1() / v);
            int b = (int) (pair._1() % v);
            long m = pair._2()._1();
            long trained = pair._2()._2().orElse(0L);
            return new Sums(m, -m * Math.log(tables.unigramProbability(b)),
                    -m * Math.log(tables.bigramProbability(a, b, trained)), b == tables.mostFrequent ? m : 0,
                    b == tables.likeliestNext[a] ? m : 0);
        }
    }
}
