package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Moments;
import io.sparkrnn.core.stats.SeededHash;
import io.sparkrnn.core.table.Rejection;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;

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
    public record RefuseUnknownClass(ClassIndex classes) implements Function<LabelledSequence, LabelledSequence> {
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
    public record ShuffleKey(long seed) implements Function<LabelledSequence, Long> {
        @Override
        public Long call(LabelledSequence s) {
            return SeededHash.of(seed, s.id());
        }
    }

    /** A line's kind for counting: "" for a step, else its rejection's or skipped line's kind. */
    public static final class KindOf implements Function<StepRow, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(StepRow row) {
            return row.kind() == null ? "" : row.kind();
        }
    }

    /** A rejected row as written to the rejected-rows output. */
    public static final class AsRejection implements Function<StepRow, Rejection> {
        private static final long serialVersionUID = 1L;

        @Override
        public Rejection call(StepRow r) {
            return new Rejection(r.file(), r.kind(), r.problem(), r.raw());
        }
    }

    /** Adds every step of a sequence to the feature moments (the scaling fitted on training steps). */
    public static final class AddSteps implements Function2<Moments, LabelledSequence, Moments> {
        private static final long serialVersionUID = 1L;

        @Override
        public Moments call(Moments m, LabelledSequence s) {
            for (float[] step : s.steps()) {
                m.add(step);
            }
            return m;
        }
    }
}
