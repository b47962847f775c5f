package io.sparkrnn.lm;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.PairFunction;
import scala.Tuple2;

import java.io.Serializable;
import java.util.Comparator;

/** Spark functions that count words for a word-level vocabulary. */
public final class WordCounts {
    private WordCounts() {
    }

    /** (word, 1). */
    public static final class One implements PairFunction<String, String, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<String, Long> call(String word) {
            return new Tuple2<>(word, 1L);
        }
    }

    /** Keeps words seen at least {@code min} times. */
    public record AtLeast(long min) implements Function<Tuple2<String, Long>, Boolean> {
        @Override
        public Boolean call(Tuple2<String, Long> wordCount) {
            return wordCount._2() >= min;
        }
    }

    /** Most frequent first; ties in word order, so the vocabulary is the same on every run. */
    public static final class ByCountThenWord implements Comparator<Tuple2<String, Long>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
            int byCount = Long.compare(b._2(), a._2());
            return byCount != 0 ? byCount : a._1().compareTo(b._1());
        }
    }
}
