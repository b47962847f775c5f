package io.sparkrnn.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forecasting commands' answers that need no Spark: reference, dry run, bad input, help. */
class TrainForecastCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    @Test
    void dryRunPrintsTheResolvedConfigurationAndBadKeysExitWith2() {
        assertEquals(0, run(new TrainForecast(), "--conf", "conf/forecast-airline.conf", "--output", "runs/x",
                "--dry-run", "--set", "model.hidden-size=16"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("hidden-size=16") && printed.contains("test-start=\"1958-01\""), printed);

        assertEquals(2, run(new TrainForecast(), "--conf", "conf/forecast-airline.conf", "--output", "runs/x",
                "--set", "model.horizon=0", "--set", "backtest.windw=sliding"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("model.horizon = \"0\" (--set model.horizon): expected an integer >= 1"), e);
        assertTrue(e.contains("unknown key 'backtest.windw'") && e.contains("did you mean 'backtest.window'"), e);
        assertEquals(2, run(new TrainForecast(), "--output", "runs/x"), "no --conf");
    }

    @Test
    void referenceAndHelpNeedNoConfiguration() {
        assertEquals(0, run(new TrainForecast(), "--config-reference"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("# Every key of the forecasting job"));
        assertEquals(0, run(new Forecast(), "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--model=URI"));
        assertEquals(2, run(new Forecast(), "--model", "m"), "--input and --output are required");
    }
}
