package io.sparkrnn.forecast;

import io.sparkrnn.core.job.ModelTool;
import io.sparkrnn.core.job.VersionProvider;
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
    public Integer call() throws IOException {
        return ModelTool.run("spark-rnn forecast", storage -> {
            ForecastModelStore.Loaded loaded = ForecastModelStore.load(storage, storage.qualify(model));
            ForecastConfig config = ForecastConfig.LOADER.loadText(loaded.configText(), loaded.dir() + "/"
                    + ForecastModelStore.CONFIG_FILE, output, List.of("data.input=" + input));
            return new Applied(loaded, config);
        }, (sc, applied) -> ForecastNextJob.run(sc, applied.config(), applied.model(), overwrite));
    }

    /** The model and the configuration it is applied with (its own, reading --input). */
    private record Applied(ForecastModelStore.Loaded model, ForecastConfig config) {
    }
}
