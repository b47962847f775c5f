package io.sparkrnn.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's answers that need no Spark: help, reference, dry run, bad input. */
class TrainLanguageModelCliTest {
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

    private int run(String... args) {
        return new CommandLine(new TrainLanguageModel()).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badConfigurationExitsWithTwoAndNamesEveryProblem() {
        int code = run("--conf", "conf/lm-quickstart.conf", "--output", "out", "--set", "model.layers=0",
                "--set", "training.workers=-1");
        assertEquals(2, code, err());
        assertTrue(err().contains("model.layers = \"0\" (--set model.layers): expected an integer from 1 to 32"), err());
        assertTrue(err().contains("training.workers = \"-1\" (--set training.workers): expected an integer >= 0"), err());
    }

    @Test
    void missingConfAndOutputAreReported() {
        assertEquals(2, run());
        assertTrue(err().contains("--conf FILE is required"), err());
        assertEquals(2, run("--conf", "conf/lm-quickstart.conf"));
        assertTrue(err().contains("output.path is not set"), err());
    }

    @Test
    void dryRunPrintsTheResolvedConfiguration() {
        assertEquals(0, run("--conf", "conf/lm-quickstart.conf", "--output", "runs/x", "--dry-run",
                "--set", "training.epochs=3"));
        assertTrue(out().contains("epochs=3") || out().contains("epochs = 3"), out());
        assertTrue(out().contains("tinyshakespeare-head.txt"), out());
    }

    @Test
    void referenceAndHelpNeedNoConfiguration() {
        assertEquals(0, run("--config-reference"));
        assertTrue(out().contains("time-limit-minutes = 0"), out());
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out().contains("--conf=FILE") && out().contains("Exit codes"), out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--epochs", "3"));
        assertTrue(err().contains("Unknown options: '--epochs', '3'"), err());
    }

    @Test
    void resumeRefusesACompletedRunAndAFolderWithoutCheckpoints(@TempDir Path tmp) throws Exception {
        Path done = Files.createDirectories(tmp.resolve("done"));
        Files.writeString(done.resolve("_SUCCESS"), "");
        assertEquals(3, run("--resume", "--output", done.toString()));
        assertTrue(err().contains("holds a completed run (_SUCCESS); there is nothing to resume"), err());

        err.reset();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(3, run("--resume", "--output", empty.toString()));
        assertTrue(err().contains("there is no checkpoint in file:" + empty + "/checkpoints"), err());

        err.reset();
        assertEquals(2, run("--resume"));
        assertTrue(err().contains("--resume needs --output URI"), err());
    }
}
