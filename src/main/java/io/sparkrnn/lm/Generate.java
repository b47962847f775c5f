package io.sparkrnn.lm;

import io.sparkrnn.core.job.VersionProvider;

import io.sparkrnn.core.io.Storage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileNotFoundException;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Prints text sampled from a trained language model ({@code jobs/generate.sh}): the model is
 * primed with some text and then fed its own samples one step at a time (one-to-many
 * generation with the network's stored recurrent state). Needs no Spark.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Samples text from a model written by train-lm.")
public final class Generate implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "URI",
            description = "Output folder of a training run, or its model.zip (any Hadoop URI).")
    String model;

    @Option(names = "--prime", paramLabel = "TEXT", defaultValue = "",
            description = "Text to start from (default: a line break).")
    String prime;

    @Option(names = "--length", paramLabel = "N", defaultValue = "500",
            description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8",
            description = "Sampling temperature > 0; lower is more conservative (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a new one each time).")
    Long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Generate()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (length < 0 || !(temperature > 0)) {
            System.err.println("error: --length must be >= 0 and --temperature > 0 (got " + length + ", "
                    + temperature + ")");
            return 2;
        }
        ModelStore.Loaded loaded;
        try {
            loaded = ModelStore.load(Storage.local(), model);
        } catch (FileNotFoundException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        TextGenerator generator = new TextGenerator(loaded.net(), loaded.vocabulary(),
                TextGenerator.takesOneHot(loaded.net()));
        String text;
        try {
            text = generator.generate(prime, length, temperature, seed == null ? new Random() : new Random(seed));
        } catch (IllegalArgumentException e) {
            System.err.println("error: --prime: " + e.getMessage());
            return 2;
        }
        System.out.println(prime + text);
        return 0;
    }
}
