package io.sparkrnn.lm;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.PairFunction;
import scala.Tuple2;

/** Spark functions over {@link Window}s. */
public final class WindowFunctions {
    private WindowFunctions() {
    }

    /** Windows cut whole inside one partition. */
    public static final class Complete implements Function<Window, Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean call(Window w) {
            return w.complete();
        }
    }

    /** Pieces of windows that cross a partition boundary. */
    public static final class Partial implements Function<Window, Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean call(Window w) {
            return !w.complete();
        }
    }

    /** (window index, window), to join pieces. */
    public static final class ByIndex implements PairFunction<Window, Long, Window> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<Long, Window> call(Window w) {
            return new Tuple2<>(w.index(), w);
        }
    }

    /**
     * (seeded hash of the window index, window): sorting by it gives a pseudo-random order that
     * is the same on every run with the same seed.
     */
    public record ShuffleKey(long seed) implements PairFunction<Window, Long, Window> {
        @Override
        public Tuple2<Long, Window> call(Window w) {
            return new Tuple2<>(mix(w.index() ^ seed * 0x9E3779B97F4A7C15L), w);
        }

        /** SplitMix64's finaliser: a bijective, well-scrambling 64-bit hash. */
        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
