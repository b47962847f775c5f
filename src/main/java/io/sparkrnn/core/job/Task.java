package io.sparkrnn.core.job;

import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.JobConfigLoader;

import java.io.IOException;
import java.util.List;

/**
 * A job's own part, plugged into the skeleton ({@link JobCli}, {@link JobRunner}): its name
 * and help, how its configuration is read, what a resumed run may change, its pipeline (read and
 * prepare the data, build and train the network, measure it against its baselines) and what of
 * its result goes into the files every job writes. Everything else (command line,
 * configuration before Spark, the output folder, checkpoints, run.json, metrics.json, the report
 * frame, {@code _SUCCESS} last) comes from the skeleton.
 *
 * @param <C> the job's configuration record
 * @param <R> what its pipeline returns
 */
public abstract class Task<C extends Record & JobConfig, R> {
    private final TaskInfo info;
    private final JobConfigLoader<C> loader;
    private final List<String> resumableChanges;

    /**
     * @param resumableChanges key prefixes a resumed run may change ({@code output.} for every key
     *                         under output)
     */
    protected Task(TaskInfo info, JobConfigLoader<C> loader, List<String> resumableChanges) {
        this.info = info;
        this.loader = loader;
        this.resumableChanges = List.copyOf(resumableChanges);
    }

    public final TaskInfo info() {
        return info;
    }

    public final JobConfigLoader<C> loader() {
        return loader;
    }

    public final List<String> resumableChanges() {
        return resumableChanges;
    }

    /** The pipeline; it never exits the JVM and never starts or stops Spark. */
    public abstract R run(JobContext<C> job) throws IOException;

    /** What of a finished run the skeleton writes: metrics.json, run.json's task section, the report, the last line. */
    public abstract Outputs outputs(R result);
}
