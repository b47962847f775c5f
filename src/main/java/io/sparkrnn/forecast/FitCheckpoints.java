package io.sparkrnn.forecast;

import io.sparkrnn.core.train.ModelBytes;

import io.sparkrnn.core.train.CheckpointStore;

import io.sparkrnn.core.config.ConfigLayers;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The forecasting job's checkpoints: every fit of the backtest (and the final one) is saved as
 * it completes, under {@code <output>/checkpoints/fit-KKKKK.ckpt} (one zip: the network, the
 * fit's statistics and the configuration, written under a temporary name and renamed). A run
 * continued with {@code --resume} takes the fits found there instead of training them again
 * and trains only the rest; the fold plan is deterministic, so the same fold means the same
 * origin and history. Removed once the run is complete.
 */
public final class FitCheckpoints {
    private static final String MODEL = ModelBytes.MODEL_FILE;
    private static final String STATS = "fit.txt";
    private static final String CONFIG = "config.conf";
    /** What a resumed forecasting run may change: where and how long, not what it fits. */
    private static final List<String> MAY_CHANGE = List.of("output.", "training.time-limit-minutes");

    private final Storage storage;
    private final String dir;

    public FitCheckpoints(Storage storage, String outputDir) {
        this.storage = storage;
        this.dir = outputDir + "/" + OutputFolder.CHECKPOINTS;
    }

    /** A saved fit: the network's bytes and its statistics. */
    public record Saved(byte[] model, ForecastSummary.FitStats stats) {
    }

    static String name(int fold) {
        return fold < 0 ? "fit-final.ckpt" : String.format(Locale.ROOT, "fit-%05d.ckpt", fold);
    }

    public void save(int fold, byte[] model, ForecastSummary.FitStats stats, String configText) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MODEL, model);
        entries.put(STATS, encode(stats).getBytes(StandardCharsets.UTF_8));
        entries.put(CONFIG, configText.getBytes(StandardCharsets.UTF_8));
        CheckpointStore.writeZip(storage, dir + "/" + name(fold), entries);
    }

    /**
     * The fit of a fold saved by an earlier attempt of this run, if any.
     *
     * @throws DataException when it was made with a configuration that fits differently
     */
    public Optional<Saved> load(int fold, String configText) throws IOException {
        String uri = dir + "/" + name(fold);
        if (!storage.exists(uri)) {
            return Optional.empty();
        }
        Map<String, byte[]> entries = CheckpointStore.readZip(storage, uri);
        String saved = new String(entries.get(CONFIG), StandardCharsets.UTF_8);
        List<String> conflicts = ConfigLayers.conflicts(saved, configText, MAY_CHANGE);
        if (!conflicts.isEmpty()) {
            throw new DataException("cannot resume from " + uri + ": the configuration differs from the one it was "
                    + "made with (" + String.join("; ", conflicts) + "); only output.* and "
                    + "training.time-limit-minutes may change. Give the same --conf and --set options, or start "
                    + "a new --output");
        }
        return Optional.of(new Saved(entries.get(MODEL), decode(new String(entries.get(STATS),
                StandardCharsets.UTF_8), uri)));
    }

    /** Whether any fit was saved (a run to resume). */
    public boolean any() throws IOException {
        return storage.list(dir).stream().anyMatch(n -> n.startsWith("fit-") && n.endsWith(".ckpt"));
    }

    public void deleteAll() throws IOException {
        storage.delete(dir);
    }

    /** One line: fold, origin, windows, seconds, stopped, then the epoch losses. */
    static String encode(ForecastSummary.FitStats s) {
        StringBuilder b = new StringBuilder();
        b.append(s.fold()).append(' ').append(s.originDay()).append(' ').append(s.windows()).append(' ')
                .append(s.seconds()).append(' ').append(s.stoppedByLimit());
        for (double loss : s.epochLosses()) {
            b.append(' ').append(loss);
        }
        return b.append('\n').toString();
    }

    static ForecastSummary.FitStats decode(String text, String origin) throws IOException {
        String[] f = text.trim().split(" ");
        try {
            List<Double> losses = new ArrayList<>();
            for (int i = 5; i < f.length; i++) {
                losses.add(Double.parseDouble(f[i]));
            }
            return new ForecastSummary.FitStats(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    losses, Double.parseDouble(f[3]), Boolean.parseBoolean(f[4]));
        } catch (RuntimeException e) {
            throw new IOException(origin + ": unreadable fit statistics '" + text.trim() + "'", e);
        }
    }
}
