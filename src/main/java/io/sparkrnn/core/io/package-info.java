/**
 * Storage on any Hadoop file system (atomic writes, the output folder and its _SUCCESS rule, Spark
 * tables written in place) and the error for unusable inputs and outputs.
 * Uses no other package of the project.
 */
package io.sparkrnn.core.io;
