package io.sparkrnn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's bound as the shared numpy script measures it ({@code gemm_peak.py}: numpy's
 * current OpenBLAS on all cores), beside the bound from ND4J's own products, so the
 * benchmark's "percent of bound" is against the faster of the two.
 */
public final class PeerBound {
    private static final Pattern BOUND = Pattern.compile("bound at the LSTM-shaped rate: ([0-9.]+) chars/s");

    private PeerBound() {
    }

    /** Characters per second from the script, or 0 when python3, numpy or the script are missing or it fails. */
    public static double run(Path script, int vocabulary, int hidden, int batch) {
        if (!Files.isRegularFile(script)) {
            return 0;
        }
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), "--vocab", String.valueOf(vocabulary),
                "--hidden", String.valueOf(hidden), "--batch", String.valueOf(batch)).redirectErrorStream(true);
        // Set for ND4J's older OpenBLAS by the launcher; they would slow numpy's current one.
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        pb.environment().remove("OMP_NUM_THREADS");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                return 0;
            }
            Matcher m = BOUND.matcher(out);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
