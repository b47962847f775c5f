package io.sparkrnn.core.job;

import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.OutputSettings;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.BuildInfo;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.report.StatsPage;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.StatsUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The job skeleton on the driver: prepares the output folder (refused if it holds a run, unless
 * overwriting or resuming it), finds the checkpoint a resumed run continues from, runs the
 * task's pipeline, then writes what every job writes, each file atomically: {@code config.conf},
 * {@code metrics.json}, {@code run.json}, {@code training-stats.html} when collected,
 * {@code report.html}; removes the work folder, writes {@code _SUCCESS} last and only then
 * deletes the checkpoints. It never starts or stops Spark and never exits the JVM.
 */
public final class JobRunner {
    public static final String CONFIG = "config.conf";
    public static final String METRICS = "metrics.json";
    public static final String RUN = "run.json";
    public static final String REPORT = "report.html";
    public static final String TRAINING_STATS = "training-stats.html";
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private JobRunner() {
    }

    /**
     * Runs a task from the start or, with {@code resume}, continues the unfinished run in the
     * configured output folder from its newest checkpoint.
     */
    public static <C extends Record & JobConfig, R> R run(Task<C, R> task, C config,
                                                                            JavaSparkContext sc, boolean resume)
            throws IOException {
        Instant started = Instant.now();
        Storage storage = new Storage(sc.hadoopConfiguration());
        OutputSettings o = config.output();
        OutputFolder out = new OutputFolder(storage, storage.qualify(o.path()));
        out.prepare(o.overwrite(), resume);
        CheckpointStore checkpoints = new CheckpointStore(storage, out.dir(), Math.max(1, config.checkpoint().keep()));
        CheckpointStore.Checkpoint from = resume ? newestCheckpoint(checkpoints, out.dir()) : null;
        if (!resume) {
            checkpoints.deleteAll();
        }
        String configText = task.loader().toHocon(config);
        int workers = workers(config, sc, from);
        LOG.info("{} job -> {} ({} worker(s), Spark {} master {}){}", task.info().title(), out.dir(), workers,
                sc.version(), sc.master(), from == null ? "" : "; resuming from " + from.uri());
        JobContext<C> job = new JobContext<>(config, configText, sc, storage, out,
                storage.qualify(o.resolvedWorkDir()), workers, checkpoints, from);
        R result = task.run(job);
        Outputs outputs = task.outputs(result);
        Instant finished = Instant.now();
        boolean stats = o.trainingStats() && writeTrainingStats(storage, out, job.lastTrainingStats());
        RunRecord record = new RunRecord(task.info().command(), BuildInfo.versions(sc.version()),
                BuildInfo.sparkInfo(sc), workers, config.training().seed(), started, finished,
                from == null ? null : from.uri(), job.trainingSeconds(), job.phases().inOrder(), job.inputs(),
                out.dir(), configText, outputs.details());
        storage.writeString(out.path(CONFIG), configText);
        storage.writeString(out.path(METRICS), Json.write(outputs.metrics()));
        storage.writeString(out.path(RUN), record.render());
        storage.writeString(out.path(REPORT), outputs.report().render(task.info().title() + " report",
                new ReportPage.Frame(job.phases().inOrder(), record.wallSeconds(), configText,
                        record.versions(), record.spark(), started, finished, stats)));
        if (!o.keepWork()) {
            storage.delete(job.workDir());
        }
        out.markSuccess();
        // Only once the run is complete: until then they are what a resume needs.
        checkpoints.deleteAll();
        LOG.info("Done in {}: {}; report: {}", ConsoleProgress.duration(record.wallSeconds()), outputs.outcome(),
                out.path(REPORT));
        return result;
    }

    /** The newest checkpoint of the unfinished run in {@code dir}, which a resumed run needs. */
    static CheckpointStore.Checkpoint newestCheckpoint(CheckpointStore checkpoints, String dir) throws IOException {
        return checkpoints.newestOfAny().orElseThrow(() -> new DataException("--resume: there is no checkpoint in "
                + dir + "/" + CheckpointStore.FOLDER + "; start the run again without --resume (with --set "
                + "output.overwrite=true if the folder holds files)"));
    }

    /** The configured workers, Spark's parallelism for 0, or the fit's own when resuming one. */
    private static int workers(JobConfig config, JavaSparkContext sc, CheckpointStore.Checkpoint from)
            throws IOException {
        if (from != null && from.entries().containsKey(TrainingLoop.STATE)) {
            return TrainingState.fromJson(new String(from.entry(TrainingLoop.STATE), StandardCharsets.UTF_8),
                    from.uri()).workers();
        }
        return config.training().workers() > 0 ? config.training().workers() : sc.defaultParallelism();
    }

    /** DL4J's timeline page, made to open offline; a failure to draw it is reported, not fatal. */
    private static boolean writeTrainingStats(Storage storage, OutputFolder out, SparkTrainingStats stats) {
        if (stats == null) {
            return false;
        }
        try {
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            StatsUtils.exportStatsAsHTML(stats, page);
            storage.writeString(out.path(TRAINING_STATS), StatsPage.offline(page.toString(StandardCharsets.UTF_8)));
            return true;
        } catch (Exception e) {
            LOG.warn("Could not write {}: {}", TRAINING_STATS, e.getMessage());
            return false;
        }
    }
}
