package io.sparkrnn.forecast;

import io.sparkrnn.core.job.VersionProvider;

import io.sparkrnn.core.job.JobOptions;
import io.sparkrnn.core.spark.SparkSetup;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.train.TrainingDiverged;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the forecasting job ({@code jobs/train-forecast.sh}, or {@code spark-submit
 * --class io.sparkrnn.forecast.TrainForecast}): validates the whole configuration before Spark
 * starts, runs {@link ForecastJob} and turns the outcome into an exit code.
 */
@Command(name = "train-forecast", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {
            "Trains one recurrent forecasting model (LSTM, GRU or simple RNN) over many time series with Spark and DL4J "
                + "parameter averaging, backtests it walk-forward against the naive, seasonal-naive, drift, mean "
                + "and moving-average forecasts, and writes the model with its fitted transforms, the backtest "
                + "forecasts (Parquet and CSV), metrics.json, run.json and report.html under --output.",
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
public final class TrainForecast implements Callable<Integer> {
    @Mixin
    JobOptions job = new JobOptions();

    @Option(names = "--resume",
            description = "Continue the unfinished run in --output: the fits its checkpoints hold are taken, not "
                + "trained again. Give the same --conf and --set options (only output.* and "
                + "training.time-limit-minutes may change).")
    boolean resume;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainForecast()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (job.reference) {
            System.out.print(ForecastConfigLoader.defaultsText());
            return 0;
        }
        ForecastConfig config;
        try {
            if (job.conf == null) {
                throw new ConfigProblems(List.of("--conf FILE is required (for example conf/forecast-airline.conf)"));
            }
            config = ForecastConfigLoader.load(job.conf, job.output, job.overrides);
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (job.dryRun) {
            System.out.print(ForecastConfigLoader.toHocon(config));
            return 0;
        }
        SparkConf sparkConf = SparkSetup.conf("spark-rnn forecasting");
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            new ForecastJob(config, sc).run(resume);
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
