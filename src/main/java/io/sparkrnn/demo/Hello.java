package io.sparkrnn.demo;

import io.sparkrnn.nn.Cell;
import io.sparkrnn.core.job.VersionProvider;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Entry point of {@code jobs/hello.sh}: the lecture's "hello" example for every cell, as a table. */
@Command(name = "hello", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Trains each recurrent cell on the lecture's example (input h,e,l,l; targets e,l,l,o) and "
            + "prints, for every input letter fed one at a time, the probability the network gives each next "
            + "letter. After the first 'l' a trained network says 'l', after the second 'o': the same input, two "
            + "answers, told apart by the recurrent state."})
public final class Hello implements Callable<Integer> {
    @Option(names = "--cells", split = ",", paramLabel = "CELL",
            description = "Cells to train: lstm, gru, rnn (default: lstm,gru,rnn).")
    List<Cell> cells = List.of(Cell.LSTM, Cell.GRU, Cell.RNN);

    @Option(names = "--steps", description = "Training updates per cell (default: 300).")
    int steps = 300;

    @Option(names = "--seed", description = "Seed of the weights (default: 12345).")
    long seed = 12345;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Hello()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        for (Cell cell : cells) {
            HelloDemo.Result r = HelloDemo.run(cell, steps, seed);
            System.out.print(table(r));
        }
        return 0;
    }

    static String table(HelloDemo.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n%s: %d updates in %.1f s, loss %.3f -> %.4f nats per letter%n",
                r.cell().name().toLowerCase(Locale.ROOT), r.steps(), r.seconds(), r.firstLoss(), r.lastLoss()));
        b.append("  input | P(h)   P(e)   P(l)   P(o)  | next\n");
        String inputs = "hell";
        for (int t = 0; t < r.probabilities().length; t++) {
            b.append("    ").append(inputs.charAt(t)).append("   |");
            for (double p : r.probabilities()[t]) {
                b.append(String.format(Locale.ROOT, " %.3f ", p));
            }
            b.append("|  ").append(r.predicted().charAt(t)).append('\n');
        }
        b.append("  predicted after h,e,l,l: ").append(String.join(",", r.predicted().split(""))).append('\n');
        return b.toString();
    }
}
