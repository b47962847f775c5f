package io.sparkrnn.core.train;

import io.sparkrnn.core.io.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoints of one run, under {@code <output>/checkpoints}. A checkpoint is one zip file
 * of named entries (the job decides which: model, state, configuration, ...) written under a
 * temporary name and renamed, so a checkpoint that exists under its final name is complete on
 * every Hadoop file system; a driver killed while writing leaves only a hidden temporary file.
 * Rolling checkpoints of a fit in progress are named by position
 * ({@code epoch-00003-round-000050.ckpt}, sorting by position) and the newest {@code keep} of
 * them are kept; named checkpoints (a finished fit of the forecasting job, {@code fit-00003.ckpt})
 * are kept until the run completes. Every checkpoint holds the run's configuration, so a resumed
 * run can be checked against any of them.
 */
public final class CheckpointStore {
    public static final String FOLDER = io.sparkrnn.core.io.OutputFolder.CHECKPOINTS;
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{5})-round-(\\d{6})\\.ckpt");
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private final Storage storage;
    private final String dir;
    private final int keep;

    /**
     * @param outputDir the run's output folder (qualified URI)
     * @param keep      how many checkpoints to keep (at least 1)
     */
    public CheckpointStore(Storage storage, String outputDir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        this.storage = storage;
        this.dir = outputDir + "/" + FOLDER;
        this.keep = keep;
    }

    /** A checkpoint as read back: where it was and its entries by name. */
    public record Checkpoint(String uri, int epoch, int round, Map<String, byte[]> entries) {
        public byte[] entry(String name) throws IOException {
            byte[] b = entries.get(name);
            if (b == null) {
                throw new IOException(uri + " has no entry '" + name + "'; it was not written by this job");
            }
            return b;
        }
    }

    public String folder() {
        return dir;
    }

    /** The file name of the checkpoint after {@code round} rounds of {@code epoch}. */
    static String name(int epoch, int round) {
        return String.format(Locale.ROOT, "epoch-%05d-round-%06d.ckpt", epoch, round);
    }

    /** Writes a rolling checkpoint atomically, then deletes all but the newest {@code keep}. */
    public String save(int epoch, int round, Map<String, byte[]> entries) throws IOException {
        String uri = dir + "/" + name(epoch, round);
        writeZip(storage, uri, entries);
        List<String> names = complete();
        for (int i = 0; i < names.size() - keep; i++) {
            storage.delete(dir + "/" + names.get(i));
        }
        return uri;
    }

    /** The newest complete rolling checkpoint, if any. */
    public Optional<Checkpoint> latest() throws IOException {
        List<String> names = complete();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String name = names.get(names.size() - 1);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalStateException(name);
        }
        String uri = dir + "/" + name;
        Map<String, byte[]> entries = readZip(storage, uri);
        LOG.info("Latest checkpoint: {}", uri);
        return Optional.of(new Checkpoint(uri, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), entries));
    }

    /** Writes named entries as one zip, atomically (temporary name, then rename). */
    private static void writeZip(Storage storage, String uri, Map<String, byte[]> entries) throws IOException {
        storage.writeAtomically(uri, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** The entries of a zip written by {@link #writeZip}. */
    private static Map<String, byte[]> readZip(Storage storage, String uri) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(storage.readBytes(uri)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        if (entries.isEmpty()) {
            throw new IOException(uri + " is not a checkpoint zip (no entries)");
        }
        return Collections.unmodifiableMap(entries);
    }

    /** Deletes every checkpoint (a run that starts over). */
    public void deleteAll() throws IOException {
        storage.delete(dir);
    }

    /** Writes a named checkpoint atomically; it is kept until {@link #deleteAll()}. */
    public String save(String name, Map<String, byte[]> entries) throws IOException {
        String uri = dir + "/" + name;
        writeZip(storage, uri, entries);
        return uri;
    }

    /** A named checkpoint, if it was written. */
    public Optional<Checkpoint> load(String name) throws IOException {
        String uri = dir + "/" + name;
        if (!storage.exists(uri)) {
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(uri, -1, -1, readZip(storage, uri)));
    }

    /** The newest checkpoint of any kind (by name), for what every checkpoint holds. */
    public Optional<Checkpoint> newestOfAny() throws IOException {
        List<String> names = storage.list(dir).stream().filter(n -> n.endsWith(".ckpt") && !n.startsWith("."))
                .sorted().toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String name = names.get(names.size() - 1);
        Matcher m = NAME.matcher(name);
        return m.matches() ? latest() : load(name);
    }

    /** Names of the complete rolling checkpoints, oldest first (temporary files are hidden and skipped). */
    List<String> complete() throws IOException {
        List<String> names = new ArrayList<>();
        for (String n : storage.list(dir)) {
            if (NAME.matcher(n).matches()) {
                names.add(n);
            }
        }
        Collections.sort(names);
        return names;
    }
}
