package io.sparkrnn.forecast;

import io.sparkrnn.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.sparkrnn.core.job.JobCli;
import picocli.CommandLine;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forecasting commands' answers that need no Spark: reference, dry run, bad input, help. */
class TrainForecastCliTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private int run(Object command, String... args) {
        return (command instanceof CommandLine c ? c : new CommandLine(command)).execute(args);
    }

    private static CommandLine train() {
        return JobCli.commandLine(new ForecastJob());
    }

    @Test
    void dryRunPrintsTheResolvedConfigurationAndBadKeysExitWith2() {
        assertEquals(0, run(train(), "--conf", "conf/forecast-airline.conf", "--output", "runs/x",
                "--dry-run", "--set", "model.hidden-size=16"));
        String printed = console.out();
        assertTrue(printed.contains("hidden-size=16") && printed.contains("test-start=\"1958-01\""), printed);

        assertEquals(2, run(train(), "--conf", "conf/forecast-airline.conf", "--output", "runs/x",
                "--set", "model.horizon=0", "--set", "backtest.windw=sliding"));
        String e = console.err();
        assertTrue(e.contains("model.horizon = \"0\" (--set model.horizon): expected an integer >= 1"), e);
        assertTrue(e.contains("unknown key 'backtest.windw'") && e.contains("did you mean 'backtest.window'"), e);
        assertEquals(2, run(train(), "--output", "runs/x"), "no --conf");
    }

    @Test
    void referenceAndHelpNeedNoConfiguration() {
        assertEquals(0, run(train(), "--config-reference"));
        assertTrue(console.out().startsWith("# Every key of the forecasting job"));
        assertEquals(0, run(new Forecast(), "--help"));
        assertTrue(console.out().contains("--model=URI"));
        assertEquals(2, run(new Forecast(), "--model", "m"), "--input and --output are required");
    }
}
