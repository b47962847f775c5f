package io.sparkrnn.lm;

import io.sparkrnn.core.io.DataException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text job's answer to each kind of bad input: a message naming the file and the problem,
 * or the input used with what was odd about it counted in run.json; never a bare stack trace
 * and never text that silently disappears.
 */
class BadInputIT {
    private static final Path SAMPLE = Path.of("data-samples/tinyshakespeare-head.txt");

    @TempDir
    Path tmp;

    private LmConfig config(String input, Path out, String... more) {
        List<String> overrides = new ArrayList<>(List.of("data.input=" + input, "model.hidden-size=16",
                "training.epochs=1", "training.time-limit-minutes=0.02", "eval.sample-length=20",
                "output.training-stats=false", "data.sequence-length=50"));
        overrides.addAll(Arrays.asList(more));
        return LmConfig.LOADER.load(Path.of("conf/lm-quickstart.conf"), out.toString(), overrides);
    }

    private DataException refused(String input) {
        return assertThrows(DataException.class,
                () -> LanguageModelJob.run(config(input, tmp.resolve("out")), SharedSpark.context()));
    }

    private JsonNode runJson(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("run.json").toFile());
    }

    @Test
    void missingPath() {
        DataException e = refused(tmp.resolve("no-such-corpus.txt").toString());
        assertTrue(e.getMessage().contains("no-such-corpus.txt' matches no file"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.txt"));
        DataException e = refused(empty.toString());
        assertTrue(e.getMessage().contains("the corpus is empty (1 file(s) of 0 bytes: file:" + empty), e.getMessage());
    }

    @Test
    void emptyFolder() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(folder.resolve("_SUCCESS"), "");
        DataException e = refused(folder.toString());
        assertTrue(e.getMessage().contains("corpus' is a folder with no files to read"), e.getMessage());
    }

    @Test
    void binaryFileIsNamed() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(SAMPLE, folder.resolve("a.txt"));
        Path zip = folder.resolve("b.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("text.txt"));
            z.write(Files.readAllBytes(SAMPLE));
        }
        DataException e = refused(folder.toString());
        assertTrue(e.getMessage().contains("1 of 2 input file(s) are not UTF-8 text"), e.getMessage());
        assertTrue(e.getMessage().contains("b.zip: it holds") && e.getMessage().contains("NUL byte"), e.getMessage());
        assertFalse(e.getMessage().contains("a.txt"), e.getMessage());
    }

    @Test
    void invalidUtf8IsReadAsReplacementCharactersAndCounted() throws IOException {
        // Shakespeare with three words in ISO-8859-1 bytes: "café" three times, é = 0xE9.
        byte[] text = Files.readAllBytes(SAMPLE);
        byte[] latin = "caf\u00e9 ".getBytes(StandardCharsets.ISO_8859_1);
        Path file = tmp.resolve("latin1-words.txt");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 3; i++) {
                out.write(text, i * 1000, 1000);
                out.write(latin);
            }
            out.write(text, 3000, text.length - 3000);
        }
        Path out = tmp.resolve("latin1");
        RunSummary run = LanguageModelJob.run(config(file.toString(), out), SharedSpark.context());
        assertEquals(3, run.corpus().replacementCharacters(), "each invalid byte is one counted U+FFFD");
        assertEquals(3, runJson(out).at("/task/corpus/invalid_utf8_replacement_characters").asInt());
        assertTrue(Files.readString(out.resolve("vocabulary.json")).contains("\\ufffd")
                || Files.readString(out.resolve("vocabulary.json")).contains("\ufffd"), "U+FFFD is a token");
    }

    @Test
    void aFourMegabyteSingleLineIsTrainedOn() throws IOException {
        String sample = Files.readString(SAMPLE).replace('\n', ' ');
        StringBuilder line = new StringBuilder(4 * 1024 * 1024 + sample.length());
        while (line.length() < 4 * 1024 * 1024) {
            line.append(sample);
        }
        Path file = tmp.resolve("one-line.txt");
        Files.writeString(file, line);
        Path out = tmp.resolve("one-line");
        RunSummary run = LanguageModelJob.run(config(file.toString(), out), SharedSpark.context());
        assertEquals(1, run.corpus().lines());
        assertEquals(line.length() + 1, run.corpus().characters(), "every character, plus the final line break");
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void crlfLineEndingsReadLikeLf() throws IOException {
        String lf = Files.readString(SAMPLE);
        Path crlf = tmp.resolve("crlf.txt");
        Files.writeString(crlf, lf.replace("\n", "\r\n"));
        long[] counts = new long[2];
        String[] vocabularies = new String[2];
        Path[] files = {SAMPLE, crlf};
        for (int i = 0; i < 2; i++) {
            LmConfig c = config(files[i].toString(), tmp.resolve("o" + i));
            try (CorpusPipeline p = new CorpusPipeline(SharedSpark.context(), c.data(), Storage.local())) {
                SplitPlan split = p.read();
                counts[i] = split.total();
                vocabularies[i] = p.buildVocabulary().toJson();
            }
        }
        assertEquals(counts[0], counts[1], "the same characters with CRLF as with LF");
        assertEquals(vocabularies[0], vocabularies[1], "no '\\r' token");
    }

    @Test
    void unwritableOutput() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        DataException e = assertThrows(DataException.class, () -> LanguageModelJob.run(
                config(SAMPLE.toString(), file.resolve("run")), SharedSpark.context()));
        assertTrue(e.getMessage().startsWith("output: cannot write to file:" + file.resolve("run")), e.getMessage());
        DataException isFile = assertThrows(DataException.class, () -> LanguageModelJob.run(
                config(SAMPLE.toString(), file), SharedSpark.context()));
        assertTrue(isFile.getMessage().contains("a-file is a file; --output must name a folder"), isFile.getMessage());
    }
}
