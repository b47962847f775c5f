package io.sparkrnn.lm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A look at the head of every input file before Spark reads it, so that a file which is not
 * UTF-8 text (an image, an archive, a file in UTF-16 or a legacy code page) stops the job with
 * its name instead of training a model on noise. Isolated invalid bytes in real text are
 * allowed: Hadoop reads them as U+FFFD, and the job counts and reports them.
 */
public final class InputProbe {
    /** Bytes read from the head of each file. */
    public static final int PROBE_BYTES = 64 * 1024;
    /** Largest share of invalid UTF-8 sequences per byte that still passes as text. */
    public static final double MAX_INVALID_SHARE = 0.01;

    private InputProbe() {
    }

    /** The verdict on one file's head: null when it reads as text, else why not. */
    public static String problem(InputStream head) throws IOException {
        byte[] bytes = head.readNBytes(PROBE_BYTES);
        if (bytes.length == 0) {
            return null;
        }
        int nul = 0;
        for (byte b : bytes) {
            if (b == 0) {
                nul++;
            }
        }
        if (nul > 0) {
            return String.format(Locale.ROOT, "it holds %d NUL byte(s) in its first %,d bytes: binary data or "
                    + "UTF-16 text, not UTF-8", nul, bytes.length);
        }
        int invalid = invalidSequences(bytes);
        if (invalid > MAX_INVALID_SHARE * bytes.length) {
            return String.format(Locale.ROOT, "%d of its first %,d bytes are not valid UTF-8 (%.1f%%, more than "
                            + "%.0f%%): binary data or another encoding (convert it with iconv -t UTF-8)",
                    invalid, bytes.length, 100.0 * invalid / bytes.length, 100 * MAX_INVALID_SHARE);
        }
        return null;
    }

    /** Invalid byte sequences, not counting one cut off at the end of the probe. */
    static int invalidSequences(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        int invalid = 0;
        while (in.hasRemaining()) {
            CoderResult r = decoder.decode(in, out, bytes.length < PROBE_BYTES);
            if (r.isError()) {
                invalid++;
                in.position(in.position() + r.length());
            } else {
                break;
            }
            out.clear();
        }
        return invalid;
    }
}
