package io.sparkrnn.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The language-model job end to end on Spark {@code local[2]} and the Tiny Shakespeare sample:
 * it must learn (validation loss below the bigram baseline), write every output, and leave a
 * model that reloads and generates text.
 */
class LanguageModelJobIT {
    private static final String SAMPLE = "data-samples/tinyshakespeare-head.txt";

    @TempDir
    Path tmp;

    private LmConfig config(Path out, String... overrides) throws IOException {
        Path conf = tmp.resolve("job.conf");
        Files.writeString(conf, "data.input = \"" + SAMPLE + "\"\n"
                + "model { layers = 1, hidden-size = 128 }\n"
                + "training { epochs = 2, batch-size-per-worker = 16, learning-rate = 0.01 }\n"
                + "eval { sample-length = 100, sample-prime = \"ROMEO:\" }\n");
        return LmConfig.LOADER.load(conf, out.toString(), List.of(overrides));
    }

    @Test
    void characterModelBeatsTheBigramBaselineAndItsOutputsReloadAndGenerate() throws IOException {
        Path out = tmp.resolve("run");
        RunSummary run = LanguageModelJob.run(config(out), SharedSpark.context());

        double loss = run.last().validationLoss();
        double bigram = run.baselines().bigramNats();
        assertTrue(loss < bigram, "validation loss " + loss + " nats/char should be below the bigram baseline " + bigram);
        assertTrue(run.baselines().bigramNats() < run.baselines().unigramNats()
                        && run.baselines().unigramNats() < run.baselines().uniformNats(),
                "baselines should order uniform > unigram > bigram: " + run.baselines());
        assertEquals(2, run.epochs().size());
        assertTrue(run.epochs().get(1).validationLoss() < run.epochs().get(0).validationLoss(),
                "validation loss should fall from epoch 1 to 2: " + run.epochs());

        for (String f : List.of("model.zip", "vocabulary.json", "config.conf", "metrics.json", "run.json",
                "report.html", "training-stats.html", "_SUCCESS")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing in " + out);
        }
        assertFalse(Files.exists(out.resolve("_work")), "exported batches are removed after a successful run");
        try (var listing = Files.list(out)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".crc")
                    || p.getFileName().toString().contains(".tmp-")), "no checksum or temporary files left");
        }

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String key : List.of("/validation/loss_nats", "/validation/bits_per_char", "/validation/perplexity",
                "/validation/accuracy", "/baselines/unigram_nats", "/baselines/bigram_nats", "/train/chars_per_second")) {
            assertTrue(metrics.at(key).isNumber(), "metrics.json lacks a number at " + key + ": " + metrics);
        }
        assertEquals(loss, metrics.at("/validation/loss_nats").asDouble(), 1e-12);
        assertEquals(loss / Math.log(2), metrics.at("/validation/bits_per_char").asDouble(), 1e-9,
                "bits per character of a character model is nats / ln 2");
        assertEquals(2, metrics.at("/epochs").size());
        assertTrue(metrics.at("/train/chars_per_second").asDouble() > 100,
                "throughput " + metrics.at("/train/chars_per_second"));

        JsonNode runJson = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(42, runJson.at("/seed").asInt());
        assertEquals(Files.size(Path.of(SAMPLE)), runJson.at("/input/bytes").asLong());
        assertEquals("3.5.7", runJson.at("/versions/spark").asText());

        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("data:image/png;base64,"), "report embeds its charts");
        assertTrue(report.contains("Vanishing gradients"), "report charts the gradient flow");
        for (String network : List.of("rnn_at_initialisation", "lstm_at_initialisation", "gru_at_initialisation",
                "lstm_trained")) {
            JsonNode norms = metrics.at("/gradient_flow/" + network);
            // The probe is a validation batch: windows of T steps plus data.validation-context.
            int steps = run.config().data().sequenceLength() + run.config().data().validationContext();
            assertEquals(150, steps, "the defaults: T = 100 and 50 steps of validation context");
            assertEquals(steps, norms.size(), network + ": one norm per distance 0.." + (steps - 1));
            assertTrue(norms.get(0).asDouble() > 0 && norms.get(steps - 1).asDouble() >= 0, network + ": " + norms);
        }
        assertFalse(report.contains("http://") || report.contains("https://"), "report fetches nothing");
        String stats = Files.readString(out.resolve("training-stats.html"));
        assertTrue(stats.contains("Spark Training Analysis") && stats.contains("d3"), "DL4J's statistics page");
        assertFalse(stats.matches("(?s).*(src|href)=\"https?://.*"), "statistics page loads nothing remote");

        ModelStore.Loaded loaded = ModelStore.load(Storage.local(), out.toString());
        String text = new TextGenerator(loaded.net(), loaded.vocabulary(), true)
                .generate("ROMEO:", 200, 0.8, new Random(7));
        assertEquals(200, text.codePointCount(0, text.length()), "generated characters: '" + text + "'");
        assertTrue(text.chars().filter(Character::isLetter).count() > 100, "mostly letters: '" + text + "'");
    }

    @Test
    void refusesAnOutputFolderThatHoldsFiles() throws IOException {
        Path out = tmp.resolve("used");
        Files.createDirectories(out);
        Files.writeString(out.resolve("_SUCCESS"), "");
        DataException e = assertThrows(DataException.class,
                () -> LanguageModelJob.run(config(out), SharedSpark.context()));
        assertTrue(e.getMessage().contains("already holds 1 entries (a completed run)")
                && e.getMessage().contains("output.overwrite=true"), e.getMessage());
    }

    @Test
    void gruCharacterModelTrainsOnSparkBeatsTheBigramBaselineAndGenerates() throws IOException {
        Path out = tmp.resolve("gru");
        RunSummary run = LanguageModelJob.run(config(out, "model.cell=gru", "output.training-stats=false"),
                SharedSpark.context());
        double loss = run.last().validationLoss();
        double bigram = run.baselines().bigramNats();
        System.out.printf("LanguageModelJobIT: GRU 1 x 128, 2 epochs: validation %.4f nats/char, bigram %.4f, "
                + "%.0f chars/s%n", loss, bigram, run.charactersPerSecond());
        assertTrue(loss < bigram, "GRU validation loss " + loss + " nats/char should be below the bigram baseline "
                + bigram);
        ModelStore.Loaded loaded = ModelStore.load(Storage.local(), out.toString());
        assertTrue(loaded.net().getLayer(0) instanceof io.sparkrnn.nn.GruLayer, "model.zip holds the GRU layer");
        String text = new TextGenerator(loaded.net(), loaded.vocabulary(), true)
                .generate("ROMEO:", 200, 0.8, new Random(7));
        assertEquals(200, text.codePointCount(0, text.length()), "generated characters: '" + text + "'");
    }

    @Test
    void weightAverageIsTheModelEvaluatedAndSavedAndTheLastRoundsWeightsAreReportedBeside() throws IOException {
        Path out = tmp.resolve("average");
        // With weight drop on the recurrent weights too: trained with thinned weights on the executors,
        // evaluated and saved with the plain ones (the scoring below checks the saved model gives the
        // reported loss).
        RunSummary run = LanguageModelJob.run(config(out, "training.average-rounds=4", "model.recurrent-dropout=0.2",
                "output.training-stats=false"), SharedSpark.context());
        for (EpochMetrics m : run.epochs()) {
            assertNotNull(m.unaveragedLoss(), "epoch " + m.epoch() + " reports the last round's weights");
            assertTrue(Double.isFinite(m.unaveragedLoss()) && Math.abs(m.unaveragedLoss() - m.validationLoss()) > 1e-6,
                    "epoch " + m.epoch() + ": average " + m.validationLoss() + ", last round's weights "
                            + m.unaveragedLoss() + " (two different models)");
        }
        double loss = run.last().validationLoss();
        assertTrue(loss < run.baselines().bigramNats(), "averaged model " + loss + " nats/char against the bigram "
                + run.baselines().bigramNats());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(run.last().unaveragedLoss(),
                metrics.at("/epochs/1/validation/last_round_weights_loss_nats").asDouble(), 1e-12);

        assertTrue(Files.readString(out.resolve("report.html")).contains("<th>last round's weights</th>"),
                "the report's epoch table shows the last round's weights beside the average");

        // model.zip is the average: scored as the job scores its validation part, it gives the reported loss.
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = new picocli.CommandLine(new ScoreText()).execute("--model", out.toString(), "--input", SAMPLE,
                    "--sequence-length", "100", "--context", "50");
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        double scored = printed.lines().map(String::trim).filter(l -> l.startsWith("50 "))
                .mapToDouble(l -> Double.parseDouble(l.split("\\s+")[1])).findFirst().orElseThrow();
        assertEquals(loss, scored, 1e-3, "model.zip scored by score-lm against the run's validation of the average:\n"
                + printed);
        ModelStore.Loaded loaded = ModelStore.load(Storage.local(), out.toString());
        assertEquals(new io.sparkrnn.nn.RecurrentWeightDrop(0.2),
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) loaded.net().getLayerWiseConfigurations().getConf(0)
                        .getLayer()).getWeightNoise(), "model.zip keeps the recurrent weight drop setting");
    }
}
