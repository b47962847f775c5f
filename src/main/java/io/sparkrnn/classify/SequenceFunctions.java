package io.sparkrnn.classify;

import org.apache.spark.api.java.function.Function;

/**
 * The small Spark functions of the classification pipeline, named so they serialize to the
 * executors without dragging their callers along and can be tested without Spark.
 */
public final class SequenceFunctions {
    private SequenceFunctions() {
    }

    /** Rows that name a sequence (the others are rejected rows, counted and written, not grouped). */
    public static final class HasId implements Function<StepRow, Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean call(StepRow row) {
            return !row.id().isEmpty();
        }
    }

    /** Refuses test sequences of a class that no training sequence has: the model has no output for it. */
    public static final class RefuseUnknownClass implements Function<LabelledSequence, LabelledSequence> {
        private static final long serialVersionUID = 1L;
        private final ClassIndex classes;

        public RefuseUnknownClass(ClassIndex classes) {
            this.classes = classes;
        }

        @Override
        public LabelledSequence call(LabelledSequence s) {
            if (!s.usable() || classes.index(s.label()) >= 0) {
                return s;
            }
            return s.refuse("the label '" + s.label() + "' is not among the training classes " + classes.labels());
        }
    }

    /**
     * A seeded pseudo-random sort key per sequence id, so minibatches mix classes and lengths the
     * same way in every run with the same seed, whatever order the files were read in.
     */
    public static final class ShuffleKey implements Function<LabelledSequence, Long> {
        private static final long serialVersionUID = 1L;
        private final long seed;

        public ShuffleKey(long seed) {
            this.seed = seed;
        }

        @Override
        public Long call(LabelledSequence s) {
            long h = seed * 0x9E3779B97F4A7C15L;
            for (int i = 0; i < s.id().length(); i++) {
                h = (h ^ s.id().charAt(i)) * 0x100000001B3L;
            }
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            return h;
        }
    }
}
