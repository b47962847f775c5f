package io.sparkrnn.core.stats;

/**
 * An aggregate computed on Spark partitions and merged into one: loss totals, forecast errors,
 * feature moments, n-gram counts. The contract every implementation keeps, and that one shared
 * test checks for each (MergeableContractTest): merging is associative and commutative, and an
 * empty aggregate is its identity, so the result does not depend on how Spark splits the data
 * or in which order partitions finish. {@code merge} may change and return {@code this} (as
 * Spark's {@code reduce}, {@code fold} and {@code aggregate} allow) and never changes
 * {@code other}.
 *
 * @param <T> the aggregate's own type
 */
public interface Mergeable<T extends Mergeable<T>> {
    T merge(T other);
}
