package io.sparkrnn.lm;

import io.sparkrnn.core.train.CheckpointStore;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --resume} checks before Spark starts: that the output folder holds an unfinished
 * run with a checkpoint, and that the configuration asked for now trains the same model on the
 * same data as the one the checkpoint was written with, so that continuing it means something.
 */
public final class Resume {
    private Resume() {
    }

    /** The latest checkpoint of the unfinished run in {@code outputDir} (a qualified URI). */
    public static CheckpointStore.Checkpoint latestCheckpoint(Storage storage, String outputDir) throws IOException {
        if (storage.exists(outputDir + "/" + OutputWriter.SUCCESS)) {
            throw new DataException("--resume: " + outputDir + " holds a completed run (" + OutputWriter.SUCCESS
                    + "); there is nothing to resume");
        }
        return new CheckpointStore(storage, outputDir, 1).latest().orElseThrow(() -> new DataException(
                "--resume: there is no checkpoint in " + outputDir + "/" + CheckpointStore.FOLDER
                        + "; start the run again without --resume (with --set output.overwrite=true if the folder "
                        + "holds files)"));
    }

    /**
     * The configuration of the resumed run: {@code conf} and {@code overrides} if a file is
     * given, else the checkpoint's with the overrides, refused if it differs from the
     * checkpoint's in anything but the keys a resumed run may change.
     */
    public static LmConfig configuration(CheckpointStore.Checkpoint checkpoint, Path conf, String output,
                                         List<String> overrides) throws IOException {
        String origin = checkpoint.uri() + " (" + OutputWriter.CONFIG + ")";
        String saved = new String(checkpoint.entry(OutputWriter.CONFIG), StandardCharsets.UTF_8);
        LmConfig before = LmConfigLoader.loadText(saved, origin, output, List.of());
        LmConfig now = conf == null ? LmConfigLoader.loadText(saved, origin, output, overrides)
                : LmConfigLoader.load(conf, output, overrides);
        List<String> conflicts = LmConfigLoader.resumeConflicts(before, now);
        if (!conflicts.isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (String c : conflicts) {
                problems.add("--resume: " + c + " (a resumed run must train the same model on the same data; only "
                        + "training.epochs, training.time-limit-minutes, eval.*, output.* and checkpoint.* may change)");
            }
            throw new ConfigProblems(problems);
        }
        return now;
    }
}
