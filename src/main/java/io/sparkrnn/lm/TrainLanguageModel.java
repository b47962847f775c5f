package io.sparkrnn.lm;

import io.sparkrnn.core.job.VersionProvider;

import io.sparkrnn.core.job.JobOptions;
import io.sparkrnn.core.spark.SparkSetup;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.BuildInfo;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.TrainingDiverged;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the language-model job ({@code jobs/train-lm.sh}, or {@code spark-submit
 * --class io.sparkrnn.lm.TrainLanguageModel}). Parses the command line, validates the whole
 * configuration before Spark starts, runs {@link LanguageModelJob} and turns the outcome into
 * an exit code: 0 done, 1 failed, 2 bad command line or configuration, 3 unusable input or
 * output location.
 */
@Command(name = "train-lm", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {
            "Trains a recurrent language model (LSTM, GRU or simple RNN, character or word level) on a text "
                + "corpus with Spark and DL4J parameter averaging, and writes the model, metrics.json, "
                + "run.json and report.html under --output.",
            "",
            "Configuration: a HOCON file (--conf) over the defaults; print every key with its default "
                + "and meaning with --config-reference."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run completed; the output folder holds _SUCCESS",
            "1:the run failed (see the message)",
            "2:bad command line or configuration",
            "3:unusable input or output location"})
public final class TrainLanguageModel implements Callable<Integer> {
    @Mixin
    JobOptions job = new JobOptions();

    @Option(names = "--resume",
            description = "Continue the unfinished run in --output from its latest checkpoint. --conf may be left "
                + "out (the checkpoint holds the configuration); if given, it must match the checkpoint's except "
                + "for training.epochs, training.time-limit-minutes, eval.*, output.* and checkpoint.*.")
    boolean resume;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainLanguageModel()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (job.reference) {
            System.out.print(LmConfigLoader.defaultsText());
            return 0;
        }
        SparkConf sparkConf = SparkSetup.conf("spark-rnn language model");
        LmConfig config;
        CheckpointStore.Checkpoint checkpoint = null;
        try {
            if (resume) {
                if (job.output == null) {
                    throw new ConfigProblems(List.of("--resume needs --output URI: the folder of the run to continue"));
                }
                Storage storage = new Storage(SparkSetup.hadoopConfiguration(sparkConf));
                checkpoint = Resume.latestCheckpoint(storage, storage.qualify(job.output));
                config = Resume.configuration(checkpoint, job.conf, job.output, job.overrides);
            } else {
                if (job.conf == null) {
                    throw new ConfigProblems(List.of("--conf FILE is required (for example conf/lm-quickstart.conf)"));
                }
                config = LmConfigLoader.load(job.conf, job.output, job.overrides);
            }
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (DataException | IOException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        if (job.dryRun) {
            System.out.print(LmConfigLoader.toHocon(config));
            return 0;
        }
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            new LanguageModelJob(config, sc).run(checkpoint);
            return 0;
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        } catch (TrainingDiverged e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Version line for --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"spark-rnn " + BuildInfo.projectVersion()};
        }
    }
}
