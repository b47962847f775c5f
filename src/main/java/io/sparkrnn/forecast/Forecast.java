package io.sparkrnn.forecast;

import io.sparkrnn.core.job.VersionProvider;

import io.sparkrnn.core.spark.SparkSetup;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the forecast tool ({@code jobs/forecast.sh}): applies a trained forecasting
 * model to new data and writes the next H steps of every series.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {
            "Forecasts the next model.horizon steps of every series in --input from its latest values, with a model "
                + "trained by jobs/train-forecast.sh. The input is read with the schema, date format and missing-"
                + "value policies the model was trained with (its config.conf); series it was trained on are scaled "
                + "with their saved scalers, new series with scalers fitted on their own history. Writes forecasts/ "
                + "(Parquet), forecasts-csv/, rejected/ (when rows are rejected), run.json and _SUCCESS."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; the output folder holds _SUCCESS",
            "1:failed (see the message)",
            "2:bad command line",
            "3:unusable model, input or output location"})
public final class Forecast implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "URI",
            description = "Output folder of a jobs/train-forecast.sh run (model.zip, transforms.json, config.conf).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "The data to forecast from: file(s), folder or glob, same layout as the training input.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Folder for the forecasts.")
    String output;

    @Option(names = "--overwrite", description = "Replace the contents of a non-empty --output folder.")
    boolean overwrite;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Forecast()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkConf sparkConf = SparkSetup.conf("spark-rnn forecast");
        ForecastModelStore.Loaded loaded;
        ForecastConfig config;
        try {
            Storage storage = new Storage(SparkSetup.hadoopConfiguration(sparkConf));
            loaded = ForecastModelStore.load(storage, storage.qualify(model));
            config = ForecastConfig.LOADER.loadText(loaded.configText(), loaded.dir() + "/"
                    + ForecastModelStore.CONFIG_FILE, output, List.of("data.input=" + input));
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IOException | DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            ForecastNextJob.run(sc, config, loaded, overwrite);
            return 0;
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
    }
}
