/**
 * Table inputs (CSV and Parquet on any Hadoop file system) read by one set of rules: every row parsed
 * or rejected with its reason, never dropped.
 * Uses core.io.
 */
package io.sparkrnn.core.table;
