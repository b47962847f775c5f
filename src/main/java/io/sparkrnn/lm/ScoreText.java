package io.sparkrnn.lm;

import io.sparkrnn.core.job.VersionProvider;

import io.sparkrnn.core.stats.LossTotals;
import io.sparkrnn.core.io.Storage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Scores a saved language model on a text ({@code jobs/score-lm.sh}): by default the last 10%
 * of the file, the part a run with the default {@code data.validation-fraction} held out, with
 * several amounts of preceding context, so runs made with different settings (or before
 * {@code data.validation-context} existed) can be compared on one measure.
 */
@Command(name = "score-lm", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Scores a trained language model (the output folder of jobs/train-lm.sh) on a text: mean "
                + "cross-entropy in nats per token and top-1 accuracy, for each amount of context.")
public final class ScoreText implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "URI", description = "Output folder of a run.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "URI", description = "The text (any Hadoop URI).")
    String input;

    @Option(names = "--from-fraction", paramLabel = "F", defaultValue = "0.9",
            description = "Score the text from this fraction of its characters on (default: ${DEFAULT-VALUE}, "
                    + "the validation part of a run with data.validation-fraction = 0.1).")
    double fromFraction;

    @Option(names = "--sequence-length", paramLabel = "T", defaultValue = "50",
            description = "Tokens each window scores (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--context", split = ",", paramLabel = "C", defaultValue = "0,50",
            description = "Tokens of preceding text each window reads before those it scores; one score per value "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Integer> contexts;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScoreText()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!(fromFraction >= 0 && fromFraction < 1) || length < 1 || contexts.stream().anyMatch(c -> c < 0)) {
            System.err.println("error: expected 0 <= --from-fraction < 1, --sequence-length >= 1 and --context >= 0 "
                    + "(got " + fromFraction + ", " + length + ", " + contexts + ")");
            return 2;
        }
        ModelStore.Loaded loaded;
        String text;
        try {
            Storage storage = Storage.local();
            loaded = ModelStore.load(storage, model);
            text = storage.readString(storage.qualify(input));
        } catch (FileNotFoundException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        int total = text.codePointCount(0, text.length());
        int from = text.offsetByCodePoints(0, (int) (total - Math.round(total * (1 - fromFraction))));
        String part = text.substring(from);
        int[] ids;
        try {
            java.util.stream.IntStream.Builder b = java.util.stream.IntStream.builder();
            new TokenEncoder(Tokenizer.of(loaded.vocabulary().level()), loaded.vocabulary()).encode(part, b::add);
            ids = b.build().toArray();
        } catch (IllegalArgumentException e) {
            System.err.println("error: --input: " + e.getMessage());
            return 3;
        }
        boolean oneHot = TextGenerator.takesOneHot(loaded.net());
        System.out.printf(Locale.ROOT, "%s: %,d tokens from character %,d of %,d%n", input, ids.length, from, total);
        System.out.printf(Locale.ROOT, "%8s %12s %10s %12s%n", "context", "nats/token", "accuracy", "tokens");
        for (int c : contexts) {
            LossTotals t = TextScore.score(loaded.net(), ids, length, c, oneHot, loaded.vocabulary().size(), 64);
            System.out.printf(Locale.ROOT, "%8d %12.4f %9.1f%% %,12d%n", c, t.nats / t.tokens,
                    100.0 * t.correct / t.tokens, t.tokens);
        }
        return 0;
    }
}
