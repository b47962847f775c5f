/**
 * The job skeleton every task plugs into: the command line and its exit codes, configuration before
 * Spark, the output folder, run.json, metrics.json, the report frame, _SUCCESS last.
 * Uses the other core packages.
 */
package io.sparkrnn.core.job;
