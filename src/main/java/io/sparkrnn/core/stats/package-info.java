/**
 * Aggregates merged across Spark partitions (one contract, Mergeable) and the statistics jobs share:
 * loss totals, feature moments and their standardisation.
 * Uses no other package of the project.
 */
package io.sparkrnn.core.stats;
