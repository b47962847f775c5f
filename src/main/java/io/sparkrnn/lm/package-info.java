/**
 * The language-model task (many-to-many aligned): corpus pipeline, vocabulary, n-gram baselines,
 * evaluation, sampling, scoring, its reports and command lines.
 * Uses core and nn, never another task.
 */
package io.sparkrnn.lm;
