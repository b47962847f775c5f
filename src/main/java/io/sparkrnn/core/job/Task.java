package io.sparkrnn.core.job;

import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.JobConfigLoader;

import java.io.IOException;
import java.util.List;

/**
 * A job's own part, plugged into the skeleton ({@link JobCli}, {@link JobRunner}): its name
 * and help, how its configuration is read, what a resumed run may change, and its pipeline
 * (read and prepare the data, build and train the network, measure it against its baselines).
 * Everything else every job does (command line, configuration before Spark, the output folder,
 * checkpoints, run.json, metrics.json, the report frame, {@code _SUCCESS} last) comes from the
 * skeleton.
 *
 * @param <C> the job's configuration record
 * @param <R> what its pipeline returns
 */
public interface Task<C extends Record & JobConfig, R extends TaskResult> {
    TaskInfo info();

    JobConfigLoader<C> loader();

    /** Key prefixes a resumed run may change ({@code output.} for every key under output). */
    List<String> resumableChanges();

    /** The pipeline; it never exits the JVM and never starts or stops Spark. */
    R run(JobContext<C> job) throws IOException;
}
