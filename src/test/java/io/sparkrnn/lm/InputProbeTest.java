package io.sparkrnn.lm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which file heads pass as UTF-8 text. */
class InputProbeTest {
    private static String probe(byte[] bytes) throws IOException {
        return InputProbe.problem(new ByteArrayInputStream(bytes));
    }

    @Test
    void realTextPassesInAnyScript() throws IOException {
        assertNull(probe(Files.readAllBytes(Path.of("data-samples/tinyshakespeare-head.txt"))));
        assertNull(probe("Ἐν ἀρχῇ ἦν ὁ λόγος — 春眠不覚暁 — naïve café 🙂\n".repeat(500).getBytes(StandardCharsets.UTF_8)));
        assertNull(probe(new byte[0]), "an empty file is not binary (emptiness is reported elsewhere)");
    }

    @Test
    void aFewStrayBytesInTextPass() throws IOException {
        byte[] text = "plain words and a line\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        text[100] = (byte) 0xE9;
        text[5000] = (byte) 0xFF;
        assertEquals(2, InputProbe.invalidSequences(text));
        assertNull(probe(text));
    }

    @Test
    void binaryUtf16AndLegacyEncodingsAreRefused() throws IOException {
        byte[] random = new byte[10_000];
        new Random(1).nextBytes(random);
        String r = probe(random);
        assertTrue(r != null && r.contains("NUL byte"), r);

        String utf16 = probe("plain text in UTF-16\n".repeat(50).getBytes(StandardCharsets.UTF_16LE));
        assertTrue(utf16 != null && utf16.contains("binary data or UTF-16 text"), utf16);

        byte[] noNul = new byte[4000];
        Arrays.fill(noNul, (byte) 0xE9);
        String latin = probe(noNul);
        assertTrue(latin != null && latin.contains("4000 of its first 4,000 bytes are not valid UTF-8"), latin);
    }

    @Test
    void aCharacterCutAtTheEndOfTheProbeIsNotAnError() {
        byte[] head = new byte[InputProbe.PROBE_BYTES];
        Arrays.fill(head, (byte) 'a');
        head[head.length - 1] = (byte) 0xE2; // first byte of a 3-byte sequence, the rest beyond the probe
        assertEquals(0, InputProbe.invalidSequences(head));
    }
}
