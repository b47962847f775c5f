package io.sparkrnn.core.job;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.spark.SparkSetup;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.TrainingDiverged;
import io.sparkrnn.core.train.TrainingLoop;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The command line of every training job: {@code --conf}, {@code --output}, {@code --set},
 * {@code --resume}, {@code --dry-run}, {@code --config-reference}, {@code --help},
 * {@code --version}, and one set of exit codes. The whole configuration is loaded and checked
 * before Spark starts (from the checkpoint of the run when resuming). A job's {@code main} is
 * one line: {@code System.exit(JobCli.execute(new TheTask(), args))}.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run completed; the output folder holds _SUCCESS",
            "1:the run failed (see the message), a diverged training included",
            "2:bad command line or configuration",
            "3:unusable input or output location"})
public final class JobCli<C extends Record & JobConfig> implements Callable<Integer> {
    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int BAD_CONFIGURATION = 2;
    public static final int BAD_LOCATION = 3;

    @Mixin
    JobOptions options = new JobOptions();

    @Option(names = "--resume",
            description = "Continue the unfinished run in --output from its newest checkpoint. --conf may be left "
                + "out (the checkpoint holds the configuration); if given, it and --set must match the "
                + "checkpoint's except for the keys a resumed run may change (said in the message otherwise).")
    boolean resume;

    private final Task<C, ?> task;

    private JobCli(Task<C, ?> task) {
        this.task = task;
    }

    /** Parses {@code args}, runs the task and returns the exit code. */
    public static <C extends Record & JobConfig> int execute(Task<C, ?> task, String... args) {
        return commandLine(task).execute(args);
    }

    /** The picocli command of a task, named and described by it. */
    public static <C extends Record & JobConfig> CommandLine commandLine(Task<C, ?> task) {
        CommandLine cmd = new CommandLine(new JobCli<>(task));
        cmd.getCommandSpec().name(task.info().command());
        List<String> description = new java.util.ArrayList<>(task.info().description());
        description.add("");
        description.add("Configuration: a HOCON file (--conf) over the defaults; print every key with its default "
                + "and meaning with --config-reference.");
        cmd.getCommandSpec().usageMessage().description(description.toArray(String[]::new));
        return cmd;
    }

    @Override
    public Integer call() throws Exception {
        if (options.reference) {
            System.out.print(task.loader().reference());
            return DONE;
        }
        SparkConf sparkConf = SparkSetup.conf("spark-rnn " + task.info().name());
        C config;
        try {
            config = resume ? resumedConfig(sparkConf) : newConfig();
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            return BAD_CONFIGURATION;
        } catch (DataException | IOException e) {
            System.err.println("error: " + e.getMessage());
            return BAD_LOCATION;
        }
        if (options.dryRun) {
            System.out.print(task.loader().toHocon(config));
            return DONE;
        }
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            JobRunner.run(task, config, sc, resume);
            return DONE;
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            return BAD_LOCATION;
        } catch (TrainingDiverged e) {
            System.err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private C newConfig() {
        if (options.conf == null) {
            throw new ConfigProblems(List.of("--conf FILE is required (for example " + task.info().exampleConf()
                    + ")"));
        }
        return task.loader().load(options.conf, options.output, options.overrides);
    }

    /** The configuration of the run to continue, checked against its checkpoint before Spark starts. */
    private C resumedConfig(SparkConf sparkConf) throws IOException {
        if (options.output == null) {
            throw new ConfigProblems(List.of("--resume needs --output URI: the folder of the run to continue"));
        }
        Storage storage = new Storage(SparkSetup.hadoopConfiguration(sparkConf));
        String dir = storage.qualify(options.output);
        if (storage.exists(dir + "/" + OutputFolder.SUCCESS)) {
            throw new DataException("--resume: " + dir + " holds a completed run (" + OutputFolder.SUCCESS
                    + "); there is nothing to resume");
        }
        CheckpointStore.Checkpoint newest = JobRunner.newestCheckpoint(new CheckpointStore(storage, dir, 1), dir);
        String saved = new String(newest.entry(TrainingLoop.CONFIG), StandardCharsets.UTF_8);
        return task.loader().resumed(saved, newest.uri() + " (" + TrainingLoop.CONFIG + ")", options.conf,
                options.output, options.overrides, task.resumableChanges());
    }
}
