package io.sparkrnn.core.table;

/** How the files of a table input are stored. */
public enum TableFormat { CSV, PARQUET }
