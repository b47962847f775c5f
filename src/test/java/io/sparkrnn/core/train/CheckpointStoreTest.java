package io.sparkrnn.core.train;

import io.sparkrnn.core.io.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoint files: atomic names, newest wins, pruning, and what a crash leaves behind. */
class CheckpointStoreTest {
    @TempDir
    Path tmp;

    private final Storage storage = Storage.local();

    private static Map<String, byte[]> entries(String state) {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("state.json", state.getBytes(StandardCharsets.UTF_8));
        e.put("model.zip", new byte[]{1, 2, 3, 0, -1});
        return e;
    }

    @Test
    void newestIsReadBackAndOnlyTheConfiguredNumberIsKept() throws IOException {
        CheckpointStore store = new CheckpointStore(storage, tmp.toString(), 2);
        store.save(1, 50, entries("a"));
        store.save(1, 100, entries("b"));
        store.save(2, 0, entries("c"));
        store.save(10, 5, entries("d"));

        assertEquals(List.of("epoch-00002-round-000000.ckpt", "epoch-00010-round-000005.ckpt"), store.complete());
        CheckpointStore.Checkpoint latest = store.latest().orElseThrow();
        assertEquals(10, latest.epoch());
        assertEquals(5, latest.round());
        assertEquals("d", new String(latest.entry("state.json"), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[]{1, 2, 3, 0, -1}, latest.entry("model.zip"));
        IOException missing = assertThrows(IOException.class, () -> latest.entry("vocabulary.json"));
        assertTrue(missing.getMessage().contains("no entry 'vocabulary.json'"), missing.getMessage());
    }

    @Test
    void aHalfWrittenCheckpointIsNeverTakenForOne() throws IOException {
        CheckpointStore store = new CheckpointStore(storage, tmp.toString(), 3);
        store.save(1, 10, entries("good"));
        // What a driver killed in the middle of a write leaves: a hidden temporary sibling.
        Path folder = tmp.resolve(CheckpointStore.FOLDER);
        Files.write(folder.resolve(".epoch-00001-round-000020.ckpt.tmp-1234"), new byte[]{80, 75, 3});
        Files.writeString(folder.resolve("notes.txt"), "not a checkpoint");

        assertEquals("good", new String(store.latest().orElseThrow().entry("state.json"), StandardCharsets.UTF_8));
        try (var files = Files.list(folder)) {
            assertEquals(3, files.count(), "the store reads around foreign files and deletes none of them");
        }
    }

    @Test
    void noCheckpointsAndDeleteAll() throws IOException {
        CheckpointStore store = new CheckpointStore(storage, tmp.toString(), 1);
        assertTrue(store.latest().isEmpty(), "an output folder without checkpoints has none");
        store.save(3, 7, entries("x"));
        store.save(3, 8, entries("y"));
        assertEquals(List.of("epoch-00003-round-000008.ckpt"), store.complete(), "keep = 1 keeps the newest");
        store.deleteAll();
        assertTrue(store.latest().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(storage, tmp.toString(), 0));
    }
}
