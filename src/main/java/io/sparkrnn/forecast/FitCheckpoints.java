package io.sparkrnn.forecast;

import io.sparkrnn.core.train.TrainingLoop;

import io.sparkrnn.core.train.CheckpointStore;

import io.sparkrnn.core.config.ConfigLayers;
import io.sparkrnn.core.io.DataException;

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
    private static final String MODEL = TrainingLoop.MODEL;
    private static final String STATS = "fit.txt";
    private static final String CONFIG = TrainingLoop.CONFIG;

    private final CheckpointStore store;

    public FitCheckpoints(CheckpointStore store) {
        this.store = store;
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
        store.save(name(fold), entries);
    }

    /**
     * The fit of a fold saved by an earlier attempt of this run, if any.
     *
     * @throws DataException when it was made with a configuration that fits differently
     */
    public Optional<Saved> load(int fold, String configText) throws IOException {
        Optional<CheckpointStore.Checkpoint> found = store.load(name(fold));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CheckpointStore.Checkpoint c = found.get();
        String saved = new String(c.entry(CONFIG), StandardCharsets.UTF_8);
        List<String> conflicts = ConfigLayers.conflicts(saved, configText, ForecastConfig.RESUMABLE_CHANGES);
        if (!conflicts.isEmpty()) {
            throw new DataException("cannot resume from " + c.uri() + ": the configuration differs from the one it "
                    + "was made with (" + String.join("; ", conflicts) + "); only output.* and "
                    + "training.time-limit-minutes may change. Give the same --conf and --set options, or start "
                    + "a new --output");
        }
        return Optional.of(new Saved(c.entry(MODEL), decode(new String(c.entry(STATS), StandardCharsets.UTF_8),
                c.uri())));
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
