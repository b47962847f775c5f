package io.sparkrnn.core.io;


import java.io.IOException;
import java.util.List;

/**
 * The output folder of a run, the same for every job: it must be empty unless the user asks
 * to overwrite it (or a resumed run continues in it), {@code _SUCCESS} is removed before
 * anything is replaced and written last, so a folder with {@code _SUCCESS} always holds one
 * complete run; and whether the job may write there is found out before any work starts.
 */
public final class OutputFolder {
    public static final String SUCCESS = "_SUCCESS";
    /** Where a training job keeps the checkpoints a resume needs. */
    public static final String CHECKPOINTS = "checkpoints";

    private final Storage storage;
    private final String dir;

    public OutputFolder(Storage storage, String dir) {
        this.storage = storage;
        this.dir = dir;
    }

    public String dir() {
        return dir;
    }

    /** The URI of an entry of the folder. */
    public String path(String name) {
        return dir + "/" + name;
    }

    /**
     * Refuses an output folder that holds files, unless told to overwrite or resuming the run
     * that left them; a completed run is never resumed.
     */
    public void prepare(boolean overwrite, boolean resuming) throws IOException {
        if (storage.exists(dir) && !storage.isDirectory(dir)) {
            throw new DataException("output: " + dir + " is a file; --output must name a folder");
        }
        List<String> existing = storage.list(dir);
        if (resuming) {
            if (existing.contains(SUCCESS)) {
                throw new DataException("output: " + dir + " holds a completed run (" + SUCCESS
                        + "); there is nothing to resume");
            }
        } else if (!existing.isEmpty()) {
            if (!overwrite) {
                String what = existing.contains(SUCCESS) ? "a completed run"
                        : existing.contains(CHECKPOINTS)
                        ? "an unfinished run with checkpoints: add --resume to continue it"
                        : "possibly an unfinished run";
                throw new DataException("output: " + dir + " already holds " + existing.size() + " entries (" + what
                        + "); give another --output, or --set output.overwrite=true to replace it");
            }
            storage.delete(path(SUCCESS));
        }
        try {
            storage.mkdirs(dir);
            storage.writeAtomically(path(".write-probe"), new byte[0]);
            storage.delete(path(".write-probe"));
        } catch (IOException e) {
            throw new DataException("output: cannot write to " + dir + " (" + e.getMessage()
                    + "); give an --output folder this job may create and write");
        }
    }

    public void markSuccess() throws IOException {
        storage.writeAtomically(path(SUCCESS), new byte[0]);
    }
}
