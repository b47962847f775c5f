package io.sparkrnn.cli;

import io.sparkrnn.config.ConfigProblems;
import io.sparkrnn.config.ForecastConfig;
import io.sparkrnn.config.ForecastConfigLoader;
import io.sparkrnn.data.DataException;
import io.sparkrnn.train.ForecastJob;
import io.sparkrnn.train.TrainingDiverged;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the forecasting job ({@code jobs/train-forecast.sh}, or {@code spark-submit
 * --class io.sparkrnn.cli.TrainForecast}): validates the whole configuration before Spark
 * starts, runs {@link ForecastJob} and turns the outcome into an exit code.
 */
@Command(name = "train-forecast", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = TrainLanguageModel.Version.class,
        description = {
            "Trains one recurrent forecasting model (LSTM or simple RNN) over many time series with Spark and DL4J "
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

    @Option(names = "--conf", paramLabel = "FILE", description = "Job configuration file (HOCON).")
    Path conf;

    @Option(names = "--output", paramLabel = "URI",
            description = "Output folder (file:, hdfs:, s3a: or a local path). Must be empty unless "
                + "output.overwrite is set.")
    String output;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set model.hidden-size=64 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--dry-run", description = "Validate and print the resolved configuration, then stop.")
    boolean dryRun;

    @Option(names = "--config-reference", description = "Print every configuration key with its default.")
    boolean reference;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainForecast()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (reference) {
            System.out.print(ForecastConfigLoader.defaultsText());
            return 0;
        }
        ForecastConfig config;
        try {
            if (conf == null) {
                throw new ConfigProblems(List.of("--conf FILE is required (for example conf/forecast-airline.conf)"));
            }
            config = ForecastConfigLoader.load(conf, output, overrides);
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (dryRun) {
            System.out.print(ForecastConfigLoader.toHocon(config));
            return 0;
        }
        SparkConf sparkConf = SparkSetup.conf("spark-rnn forecasting");
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            new ForecastJob(config, sc).run();
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
