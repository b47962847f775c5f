package io.sparkrnn.lm;

import io.sparkrnn.core.config.ConfigProblems;

import io.sparkrnn.nn.Cell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("job.conf");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void fileOverridesAndOutputLayerOverTheDefaults() throws IOException {
        Path f = write("data.input = \"corpus.txt\"\nmodel { layers = 3 }\n");
        LmConfig c = LmConfig.LOADER.load(f, "hdfs://nn:8020/runs/a", List.of("model.hidden-size=64",
                "data.input=hdfs://nn:8020/text/*.txt,/local/more.txt", "model.cell=RNN"));
        assertEquals(List.of("hdfs://nn:8020/text/*.txt", "/local/more.txt"), c.data().input(),
                "a --set value is taken literally, '//' and ':' included, and split at commas");
        assertEquals(3, c.model().layers());
        assertEquals(64, c.model().hiddenSize());
        assertEquals(Cell.RNN, c.model().cell(), "choices are case-insensitive");
        assertEquals(0.1, c.data().validationFraction(), "default from lm-defaults.conf");
        assertEquals("hdfs://nn:8020/runs/a", c.output().path());
        assertEquals("hdfs://nn:8020/runs/a/_work", c.output().resolvedWorkDir());
    }

    @Test
    void everyProblemIsReportedWithKeyValueOriginAndWhatIsAllowed() throws IOException {
        Path f = write("data { input = x, validation-fraction = 0.7 }\nmodel { hiden-size = 10, layers = 0, cell = tcn }\n"
                + "training { learning-rate = -1, updater = adamw }\n");
        ConfigProblems e = assertThrows(ConfigProblems.class,
                () -> LmConfig.LOADER.load(f, null, List.of("training.epochs=two")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("unknown key 'model.hiden-size'") && all.contains("did you mean 'model.hidden-size'"), all);
        assertTrue(all.contains("model.layers = 0") && all.contains("expected an integer from 1 to 32"), all);
        assertTrue(all.contains("model.cell = \"tcn\"") && all.contains("expected one of lstm, rnn, gru"), all);
        assertTrue(all.contains("data.validation-fraction = 0.7") && all.contains("< 0.5"), all);
        assertTrue(all.contains("training.learning-rate = -1") && all.contains("> 0"), all);
        assertTrue(all.contains("training.updater = \"adamw\"") && all.contains("adam, rmsprop, sgd, nesterovs"), all);
        assertTrue(all.contains("training.epochs = \"two\" (--set training.epochs)"), all);
        assertTrue(all.contains("job.conf: 2"), "origin names file and line: " + all);
        assertTrue(all.contains("output.path is not set: expected the output folder (give --output URI)"), all);
        assertEquals(8, e.problems().size(), all);
    }

    @Test
    void missingFileAndMalformedOverrideAreReported() {
        ConfigProblems e = assertThrows(ConfigProblems.class,
                () -> LmConfig.LOADER.load(dir.resolve("nope.conf"), "out", List.of("novalue")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("nope.conf' does not exist"), all);
        assertTrue(all.contains("--set 'novalue': expected key=value"), all);
    }

    @Test
    void tbpttLongerThanTheSequenceIsRejected() throws IOException {
        Path f = write("data { input = x, sequence-length = 50 }\nmodel.tbptt-length = 80\n");
        ConfigProblems e = assertThrows(ConfigProblems.class, () -> LmConfig.LOADER.load(f, "out", List.of()));
        assertTrue(e.getMessage().contains("model.tbptt-length = 80") && e.getMessage().contains("at most data.sequence-length (50)"),
                e.getMessage());
    }

    @Test
    void renderedConfigurationLoadsBackToTheSameConfiguration() throws IOException {
        Path f = write("data { input = [\"a.txt\", \"b.txt\"], level = word }\neval.sample-prime = \"ROMEO:\\n\"\n");
        LmConfig c = LmConfig.LOADER.load(f, "out", List.of("training.seed=7"));
        Path again = dir.resolve("again.conf");
        Files.writeString(again, LmConfig.LOADER.toHocon(c));
        assertEquals(c, LmConfig.LOADER.load(again, null, List.of()));
    }

    @Test
    void shippedJobConfigurationsAreValid() {
        for (String name : List.of("conf/lm-quickstart.conf", "conf/lm-shakespeare.conf")) {
            LmConfig c = LmConfig.LOADER.load(Path.of(name), "out", List.of());
            assertTrue(c.training().epochs() >= 1, name);
        }
    }

    @Test
    void aResumedRunMayTrainLongerButNotSomethingElse() throws IOException {
        Path f = write("data.input = \"corpus.txt\"\nmodel { hidden-size = 64 }\n");
        LmConfig saved = LmConfig.LOADER.load(f, "runs/a", List.of());
        String text = LmConfig.LOADER.toHocon(saved);
        LmConfig longer = LmConfig.LOADER.loadText(text, "checkpoint", "runs/a", List.of("training.epochs=20",
                "training.time-limit-minutes=90", "eval.sample-length=10", "checkpoint.keep=5", "output.keep-work=true"));
        assertEquals(List.of(), LmConfig.LOADER.conflicts(saved, longer, LmConfig.RESUMABLE_CHANGES));
        assertEquals(20, longer.training().epochs());

        LmConfig other = LmConfig.LOADER.load(f, "runs/a", List.of("model.hidden-size=128", "training.seed=7",
                "training.epochs=3"));
        assertEquals(List.of("model.hidden-size: 64 in the checkpoint, 128 now", "training.seed: 42 in the checkpoint, 7 now"),
                LmConfig.LOADER.conflicts(saved, other, LmConfig.RESUMABLE_CHANGES));
    }

    @Test
    void checkpointSettingsAreValidated() {
        ConfigProblems e = assertThrows(ConfigProblems.class, () -> LmConfig.LOADER.loadText("data.input = x", "t",
                "out", List.of("checkpoint.keep=0", "checkpoint.every-rounds=-5")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("checkpoint.keep = \"0\" (--set checkpoint.keep): expected an integer >= 1"), all);
        assertTrue(all.contains("checkpoint.every-rounds = \"-5\""), all);
    }

    @Test
    void negativeSizesAndZeroCountsAreRefused() {
        ConfigProblems e = assertThrows(ConfigProblems.class, () -> LmConfig.LOADER.loadText("data.input = x", "t",
                "out", List.of("model.hidden-size=-5", "training.batch-size-per-worker=0", "data.sequence-length=0",
                        "training.workers=-2", "training.epochs=0")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("model.hidden-size = \"-5\" (--set model.hidden-size): expected an integer >= 1"), all);
        assertTrue(all.contains("training.batch-size-per-worker = \"0\""), all);
        assertTrue(all.contains("data.sequence-length = \"0\""), all);
        assertTrue(all.contains("training.workers = \"-2\" (--set training.workers): expected an integer >= 0"), all);
        assertTrue(all.contains("training.epochs = \"0\""), all);
        assertEquals(5, e.problems().size(), all);
    }

    @Test
    void recurrentDropoutIsAProbabilityAndNeedsTheProjectsLayers() throws IOException {
        LmConfig ok = LmConfig.LOADER.loadText("data.input = x", "t", "out", List.of("model.recurrent-dropout=0.25"));
        assertEquals(0.25, ok.model().recurrentDropout(), 0.0);
        assertEquals(0.0, LmConfig.LOADER.loadText("data.input = x", "t", "out", List.of()).model().recurrentDropout(),
                0.0, "default from lm-defaults.conf");

        ConfigProblems e = assertThrows(ConfigProblems.class, () -> LmConfig.LOADER.loadText("data.input = x", "t",
                "out", List.of("model.recurrent-dropout=1")));
        assertTrue(e.getMessage().contains("model.recurrent-dropout = \"1\"") && e.getMessage().contains("< 1"), e.getMessage());
        ConfigProblems stock = assertThrows(ConfigProblems.class, () -> LmConfig.LOADER.loadText("data.input = x", "t",
                "out", List.of("model.recurrent-dropout=0.25", "model.lstm-implementation=dl4j")));
        assertTrue(stock.getMessage().contains("model.recurrent-dropout") && stock.getMessage().contains("dl4j"),
                stock.getMessage());
    }
}
