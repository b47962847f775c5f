package io.sparkrnn.lm;

import io.sparkrnn.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.sparkrnn.core.job.JobCli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's answers that need no Spark: help, reference, dry run, bad input. */
class TrainLanguageModelCliTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private int run(String... args) {
        return JobCli.commandLine(new LanguageModelJob()).execute(args);
    }


    @Test
    void badConfigurationExitsWithTwoAndNamesEveryProblem() {
        int code = run("--conf", "conf/lm-quickstart.conf", "--output", "out", "--set", "model.layers=0",
                "--set", "training.workers=-1");
        assertEquals(2, code, console.err());
        assertTrue(console.err().contains("model.layers = \"0\" (--set model.layers): expected an integer from 1 to 32"), console.err());
        assertTrue(console.err().contains("training.workers = \"-1\" (--set training.workers): expected an integer >= 0"), console.err());
    }

    @Test
    void missingConfAndOutputAreReported() {
        assertEquals(2, run());
        assertTrue(console.err().contains("--conf FILE is required"), console.err());
        assertEquals(2, run("--conf", "conf/lm-quickstart.conf"));
        assertTrue(console.err().contains("output.path is not set"), console.err());
    }

    @Test
    void dryRunPrintsTheResolvedConfiguration() {
        assertEquals(0, run("--conf", "conf/lm-quickstart.conf", "--output", "runs/x", "--dry-run",
                "--set", "training.epochs=3"));
        assertTrue(console.out().contains("epochs=3") || console.out().contains("epochs = 3"), console.out());
        assertTrue(console.out().contains("tinyshakespeare-head.txt"), console.out());
    }

    @Test
    void referenceAndHelpNeedNoConfiguration() {
        assertEquals(0, run("--config-reference"));
        assertTrue(console.out().contains("time-limit-minutes = 0"), console.out());
        console.reset();
        assertEquals(0, run("--help"));
        assertTrue(console.out().contains("--conf=FILE") && console.out().contains("Exit codes"), console.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--epochs", "3"));
        assertTrue(console.err().contains("Unknown options: '--epochs', '3'"), console.err());
    }

    @Test
    void resumeRefusesACompletedRunAndAFolderWithoutCheckpoints(@TempDir Path tmp) throws Exception {
        Path done = Files.createDirectories(tmp.resolve("done"));
        Files.writeString(done.resolve("_SUCCESS"), "");
        assertEquals(3, run("--resume", "--output", done.toString()));
        assertTrue(console.err().contains("holds a completed run (_SUCCESS); there is nothing to resume"), console.err());

        console.reset();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(3, run("--resume", "--output", empty.toString()));
        assertTrue(console.err().contains("there is no checkpoint in file:" + empty + "/checkpoints"), console.err());

        console.reset();
        assertEquals(2, run("--resume"));
        assertTrue(console.err().contains("--resume needs --output URI"), console.err());
    }
}
