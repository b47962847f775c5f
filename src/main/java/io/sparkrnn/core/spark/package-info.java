/**
 * Spark settings every job needs: the embedded master, Kryo with the project's serializers for ND4J
 * arrays and records, DL4J's clock.
 * Uses no other package of the project.
 */
package io.sparkrnn.core.spark;
