package io.sparkrnn.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequence-to-sequence job end to end on local[2], on a slice of the CMU dictionary; then the transduce tool. */
class Seq2SeqJobIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DICT = "edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";

    /** Every 20th line of the dictionary (about 6,700 pronunciations), and one line that is not a pair. */
    static Path slice(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Seq2SeqJobIT.class.getClassLoader().getResourceAsStream(DICT), StandardCharsets.UTF_8))) {
            int i = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (i++ % 20 == 0) {
                    lines.add(line);
                }
            }
        }
        lines.add("headword-without-phonemes");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void learnsPronunciationsWritesEveryOutputAndTheToolReloadsTheModel(@TempDir Path tmp) throws Exception {
        Path dict = slice(tmp.resolve("slice.dict"));
        Path out = tmp.resolve("run");
        Seq2SeqConfig config = Seq2SeqConfig.LOADER.load(Path.of("conf/g2p-cmudict.conf"), out.toString(), List.of(
                "data.pairs=" + dict, "data.test-fraction=0.1", "model.hidden-size=48", "model.layers=1",
                "model.embedding-size=16", "training.epochs=4", "training.time-limit-minutes=0",
                "training.learning-rate=0.01", "training.learning-rate-decay=1.0", "decode.beam-width=3"));
        Seq2SeqSummary s = Seq2SeqJob.run(config, SharedSpark.context());
        assertEquals(Map.of(ParsePairLines.NOT_A_PAIR, 1L), s.counts().rejected(), "the one bad line is kept");
        long testWords = s.counts().words().get("test");
        assertTrue(testWords > 400, "test words: " + testWords);
        TransductionErrors beam = s.errors().get("beam");
        TransductionErrors nearest = s.errors().get("nearest_spelling");
        assertEquals(testWords, beam.words(), "every test word scored");
        List<Seq2SeqSummary.EpochPoint> curve = s.curve();
        assertEquals(4, curve.size(), "epochs on the curve");
        assertTrue(curve.get(3).heldOutLoss() < curve.get(0).heldOutLoss() - 0.2, "held-out loss fell: " + curve);
        // 4 epochs of 6,000 pairs: measured phoneme error rate 0.56 (nearest spelling 0.53); an
        // untrained decoder is near 1
        assertTrue(beam.tokenErrorRate() < 0.75, "phoneme error rate " + beam.tokenErrorRate());
        assertTrue(nearest.tokenErrorRate() > 0.1 && nearest.tokenErrorRate() < 0.6,
                "nearest spelling's phoneme error rate " + nearest.tokenErrorRate());
        for (String f : List.of("_SUCCESS", "model.zip", Seq2SeqFiles.SEQ2SEQ, "config.conf", "metrics.json",
                "run.json", "report.html", "rejected", Seq2SeqFiles.TEST_CSV, Seq2SeqFiles.TEST_PARQUET)) {
            assertTrue(Files.exists(out.resolve(f)), f + " written");
        }
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        for (String key : List.of("/test/word_error_rate", "/test/phoneme_error_rate", "/test/greedy/word_error_rate",
                "/test/greedy/phoneme_error_rate", "/baselines/nearest_spelling/word_error_rate",
                "/baselines/nearest_spelling/phoneme_error_rate")) {
            assertTrue(metrics.at(key).isNumber(), key + " in metrics.json: " + metrics.at(key));
        }
        assertEquals(beam.wordErrorRate(), metrics.at("/test/word_error_rate").asDouble(), 1e-9, "metrics.json WER");

        Map<String, String> trained = outputs(firstCsv(out.resolve(Seq2SeqFiles.TEST_CSV)));
        Path words = tmp.resolve("words.txt");
        List<String> some = trained.keySet().stream().sorted().limit(40).toList();
        List<String> lines = new ArrayList<>(some);
        lines.add("");
        Files.write(words, lines, StandardCharsets.UTF_8);
        Path tool = tmp.resolve("transduced");
        TransduceJob.Model model = TransduceJob.Model.load(Storage.local(), out.toUri().toString());
        TransduceJob.Outcome o = TransduceJob.run(SharedSpark.context(), model, words.toString(), tool.toString(),
                model.saved().decode(), false);
        assertEquals(40, o.transduced(), "transduced lines");
        assertEquals(1, o.blank(), "blank lines");
        assertTrue(Files.exists(tool.resolve("_SUCCESS")) && Files.exists(tool.resolve("outputs")), "tool outputs");
        Map<String, String> again = outputs(firstCsv(tool.resolve("outputs-csv")));
        for (String w : some) {
            assertEquals(trained.get(w), again.get(w), "the reloaded model's output for '" + w + "'");
        }
    }

    private static Path firstCsv(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
    }

    /** Source to output of an outputs CSV (first two columns; sources and phonemes hold no commas). */
    private static Map<String, String> outputs(Path csv) throws Exception {
        Map<String, String> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            out.put(cells[0], cells[1]);
        }
        return out;
    }
}
