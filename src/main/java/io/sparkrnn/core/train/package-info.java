/**
 * Distributed training with DL4J's parameter averaging: exported minibatch files, the round schedule,
 * the training loop, checkpoints, the weight average, the divergence guard, progress.
 * Uses core.config, core.io and core.stats.
 */
package io.sparkrnn.core.train;
