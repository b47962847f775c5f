/**
 * The sequence-to-sequence task on text: pairs of a source and a target token sequence of
 * different lengths (a word's spelling and its pronunciation in the CMU Pronouncing
 * Dictionary), read from any Hadoop URI, split by headword, and scored by word and token error
 * rates against the nearest training spelling. Uses core and nn, never another task.
 */
package io.sparkrnn.seq2seq;
