/**
 * Reading a job's configuration: defaults, job file, --set overrides, typed checks that report every
 * problem at once, and the sections every job shares (training, output, checkpoints).
 * Uses no other package of the project.
 */
package io.sparkrnn.core.config;
