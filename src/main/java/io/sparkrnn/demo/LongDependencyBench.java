package io.sparkrnn.demo;

import io.sparkrnn.nn.Cell;
import io.sparkrnn.core.job.VersionProvider;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Entry point of {@code jobs/long-dependency.sh}: which cells learn a dependency L steps back. */
@Command(name = "long-dependency", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Trains each cell on a copy task with each lag (the last step must name the first of L + 1 "
            + "random symbols) and prints the loss and accuracy on new sequences, beside the trivial predictor's "
            + "ln 4 = 1.386 nats: the lecture says plain RNNs fail at long distances and LSTM and GRU do not."})
public final class LongDependencyBench implements Callable<Integer> {
    @Option(names = "--cells", split = ",", paramLabel = "CELL",
            description = "Cells: rnn, lstm, gru (default: rnn,lstm,gru).")
    List<Cell> cells = List.of(Cell.RNN, Cell.LSTM, Cell.GRU);

    @Option(names = "--lags", split = ",", paramLabel = "L", description = "Lags (default: 10,50,100).")
    List<Integer> lags = List.of(10, 50, 100);

    @Option(names = "--hidden", description = "Units of the one recurrent layer (default: ${DEFAULT-VALUE}).")
    int hidden = 64;

    @Option(names = "--updates", description = "Training minibatches of 32 per cell and lag (default: ${DEFAULT-VALUE}).")
    int updates = 2000;

    @Option(names = "--curriculum", description = "Train each lag through a curriculum: equal shares of the updates "
            + "at lags doubling from 10 up to the lag scored (for lag 100: 10, 20, 40, 80, 100).")
    boolean curriculum;

    @Option(names = "--seed", description = "Seed of weights and data (default: ${DEFAULT-VALUE}).")
    long seed = 12345;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LongDependencyBench()).setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "Copy task: name the first of L + 1 random symbols (4 kinds) at the last step; "
                + "trivial predictor %.3f nats, 25%% right%n", LongDependency.Result.trivialLoss());
        System.out.printf(Locale.ROOT, "%-5s %5s %10s %9s %8s %s%n", "cell", "lag", "loss", "right", "seconds",
                "learned?");
        for (Cell cell : cells) {
            for (int lag : lags) {
                if (lag < 1) {
                    System.err.println("--lags: " + lag + " is not a lag; expected 1 or more steps");
                    return 2;
                }
                LongDependency.Result r = LongDependency.run(cell, lag, hidden, updates, seed, curriculum);
                System.out.printf(Locale.ROOT, "%-5s %5d %10.4f %8.1f%% %8.1f %s%n", cell.name().toLowerCase(Locale.ROOT), lag, r.loss(),
                        100 * r.accuracy(), r.seconds(), r.learned() ? "yes" : "no");
                System.out.flush();
            }
        }
        return 0;
    }
}
