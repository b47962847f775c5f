package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import org.apache.hadoop.fs.FileStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The image files under a folder (or glob), for the job and the caption tool alike: files
 * whose names end in an image suffix, sorted by path; other files are counted, not read, so a
 * licence or notes file beside the images is no error and no rejection.
 *
 * @param others files that are not images by name
 * @param bytes  the images' total size
 */
record ImageFiles(List<String> images, long others, long bytes) {
    static final List<String> SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    /** The image files of {@code root}; {@code key} names the setting in the message when there is none. */
    static ImageFiles list(Storage storage, String root, String key) throws IOException {
        List<String> files = new ArrayList<>();
        long others = 0;
        long bytes = 0;
        for (FileStatus f : storage.expandInputs(root)) {
            String name = f.getPath().getName().toLowerCase(Locale.ROOT);
            if (SUFFIXES.stream().anyMatch(name::endsWith)) {
                files.add(f.getPath().toString());
                bytes += f.getLen();
            } else {
                others++;
            }
        }
        if (files.isEmpty()) {
            throw new DataException(key + ": " + root + " holds no image file (names ending in " + SUFFIXES + ")"
                    + (others > 0 ? "; it holds " + others + " other files" : ""));
        }
        return new ImageFiles(List.copyOf(files), others, bytes);
    }
}
