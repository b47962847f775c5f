package io.sparkrnn.core.job;

import io.sparkrnn.caption.Caption;
import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.forecast.Forecast;
import io.sparkrnn.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the model tools answer when the model cannot be loaded: before Spark starts, with the code their help lists. */
class ModelToolTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static <T> ModelTool.Work<T> mustNotRun() {
        return (sc, loaded) -> {
            throw new AssertionError("the work ran although the model did not load");
        };
    }

    @Test
    void anUnusableModelExitsWith3AndABadSavedConfigurationWith2() throws Exception {
        assertEquals(3, ModelTool.run("test", s -> {
            throw new FileNotFoundException("file:/m/model.zip: no such file");
        }, mustNotRun()));
        assertTrue(console.err().contains("error: file:/m/model.zip: no such file"), console.err());
        assertEquals(3, ModelTool.run("test", s -> {
            throw new DataException("file:/m/captioner.json: expected a vocabulary");
        }, mustNotRun()));
        assertEquals(2, ModelTool.run("test", s -> {
            throw new ConfigProblems(List.of("model.horizon = \"0\": expected an integer >= 1"));
        }, mustNotRun()));
        assertTrue(console.err().contains("model.horizon = \"0\": expected an integer >= 1"), console.err());
    }

    @Test
    void theToolsNameTheMissingModelFolder(@TempDir Path dir) {
        String missing = dir.resolve("no-model").toString();
        assertEquals(3, new CommandLine(new Forecast()).execute("--model", missing, "--input", "in.csv",
                "--output", dir.resolve("out").toString()));
        assertTrue(console.err().contains(missing), "the forecast tool's message names the folder: " + console.err());
        assertEquals(3, new CommandLine(new Caption()).execute("--model", missing, "--images", "imgs",
                "--output", dir.resolve("out").toString()));
        assertTrue(console.err().contains(missing), "the caption tool's message names the folder: " + console.err());
        assertEquals(2, new CommandLine(new Caption()).execute("--model", missing, "--images", "imgs",
                "--output", dir.resolve("out").toString(), "--beam-width", "0"));
        assertTrue(console.err().contains("--beam-width: expected 1 or more, not 0"), console.err());
    }
}
