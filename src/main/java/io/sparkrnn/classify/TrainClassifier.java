package io.sparkrnn.classify;

import io.sparkrnn.core.job.VersionProvider;

import io.sparkrnn.core.job.JobOptions;
import io.sparkrnn.core.spark.SparkSetup;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.train.TrainingDiverged;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the sequence-classification job ({@code jobs/train-classify.sh}, or
 * {@code spark-submit --class io.sparkrnn.classify.TrainClassifier}): validates the whole
 * configuration before Spark starts, runs {@link ClassifyJob} and turns the outcome into an
 * exit code.
 */
@Command(name = "train-classify", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {
            "Trains a many-to-one recurrent classifier (LSTM, GRU or simple RNN) on labelled sequences of any "
                + "length (one row per sequence and step) with Spark and DL4J parameter averaging, scores it on "
                + "held-out test sequences against the majority-class and nearest-centroid baselines, and writes "
                + "model.zip with classifier.json (classes and feature scaling), the test predictions (CSV), "
                + "metrics.json (accuracy, per-class precision/recall/F1, confusion matrix), run.json and "
                + "report.html under --output.",
            "",
            "Configuration: a HOCON file (--conf) over the defaults; print every key with its default and meaning "
                + "with --config-reference."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run completed; the output folder holds _SUCCESS",
            "1:the run failed (see the message)",
            "2:bad command line or configuration",
            "3:unusable input or output location"})
public final class TrainClassifier implements Callable<Integer> {
    @Mixin
    JobOptions job = new JobOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainClassifier()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (job.reference) {
            System.out.print(ClassifyConfigLoader.defaultsText());
            return 0;
        }
        ClassifyConfig config;
        try {
            if (job.conf == null) {
                throw new ConfigProblems(List.of("--conf FILE is required (for example conf/classify-vowels.conf)"));
            }
            config = ClassifyConfigLoader.load(job.conf, job.output, job.overrides);
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (job.dryRun) {
            System.out.print(ClassifyConfigLoader.toHocon(config));
            return 0;
        }
        try (JavaSparkContext sc = new JavaSparkContext(SparkSetup.conf("spark-rnn classification"))) {
            new ClassifyJob(config, sc).run();
            return 0;
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        } catch (TrainingDiverged e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
