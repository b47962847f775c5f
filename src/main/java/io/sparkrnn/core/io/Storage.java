package io.sparkrnn.core.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The project's one door to distributed storage. Paths are URIs ({@code file:}, {@code hdfs:},
 * {@code s3a:}, or plain paths on the default file system); the {@link FileSystem} is resolved
 * from each path. Every result file is written under a temporary name in its final folder and
 * then renamed, so a reader never sees a half-written file.
 */
public final class Storage {
    private final Configuration hadoop;

    public Storage(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /** A storage over a default Hadoop configuration (local use, tests, the generate tool). */
    public static Storage local() {
        return new Storage(new Configuration());
    }

    /**
     * The file system of a path, without the {@code .crc} side files Hadoop's local file
     * system would otherwise write next to every output.
     */
    public static FileSystem fileSystem(Path path, Configuration hadoop) throws IOException {
        FileSystem fs = path.getFileSystem(hadoop);
        fs.setWriteChecksum(false);
        return fs;
    }

    /** The fully qualified form of a path: scheme, authority and an absolute path. */
    public String qualify(String uri) {
        try {
            Path p = new Path(uri);
            return fileSystem(p, hadoop).makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the file system of '" + uri + "'", e);
        }
    }

    /** Writes a file atomically: the content goes to a temporary sibling that is renamed. */
    public void writeAtomically(String uri, IoConsumer<OutputStream> content) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = fileSystem(target, hadoop);
        Path parent = target.getParent();
        fs.mkdirs(parent);
        Path tmp = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                content.accept(out);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("cannot replace existing file " + target);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    public void writeAtomically(String uri, byte[] bytes) throws IOException {
        writeAtomically(uri, out -> out.write(bytes));
    }

    public void writeString(String uri, String text) throws IOException {
        writeAtomically(uri, text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] readBytes(String uri) throws IOException {
        try (InputStream in = open(uri)) {
            return in.readAllBytes();
        }
    }

    public String readString(String uri) throws IOException {
        return new String(readBytes(uri), StandardCharsets.UTF_8);
    }

    public FSDataInputStream open(String uri) throws IOException {
        Path p = new Path(uri);
        return fileSystem(p, hadoop).open(p);
    }

    /** Opens a file, decompressing it when its name says it is compressed (.gz, .bz2, ...), as Spark reads it. */
    public InputStream openDecompressed(String uri) throws IOException {
        Path p = new Path(uri);
        InputStream in = fileSystem(p, hadoop).open(p);
        var codec = new org.apache.hadoop.io.compress.CompressionCodecFactory(hadoop).getCodec(p);
        return codec == null ? in : codec.createInputStream(in);
    }

    public boolean exists(String uri) throws IOException {
        Path p = new Path(uri);
        return fileSystem(p, hadoop).exists(p);
    }

    /** Names of the entries of a folder, sorted; empty when it does not exist. */
    public List<String> list(String uri) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = fileSystem(p, hadoop);
        if (!fs.exists(p)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(p)) {
            names.add(s.getPath().getName());
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    public boolean isDirectory(String uri) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = fileSystem(p, hadoop);
        return fs.exists(p) && fs.getFileStatus(p).isDirectory();
    }

    public void delete(String uri) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = fileSystem(p, hadoop);
        if (fs.exists(p)) {
            fs.delete(p, true);
        }
    }

    /** Creates a folder and its parents; fails when that is impossible (a file in the way, no rights). */
    public void mkdirs(String uri) throws IOException {
        Path p = new Path(uri);
        if (!fileSystem(p, hadoop).mkdirs(p)) {
            throw new IOException("cannot create the folder " + p);
        }
    }

    /**
     * Expands files, folders (their visible files, recursively) and globs into the files they
     * name, sorted by path so a corpus made of many files has one, repeatable order. Hidden
     * files ({@code _} or {@code .} prefix) are skipped, as Hadoop does.
     */
    public List<FileStatus> expandInputs(String uri) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = fileSystem(p, hadoop);
        FileStatus[] matches = fs.globStatus(p);
        List<FileStatus> files = new ArrayList<>();
        if (matches != null) {
            for (FileStatus m : matches) {
                collectFiles(fs, m, files, true);
            }
        }
        files.sort(Comparator.comparing(s -> s.getPath().toString()));
        return files;
    }

    private static void collectFiles(FileSystem fs, FileStatus status, List<FileStatus> out, boolean named)
            throws IOException {
        String name = status.getPath().getName();
        if (!named && (name.startsWith("_") || name.startsWith("."))) {
            return;
        }
        if (status.isDirectory()) {
            FileStatus[] children = fs.listStatus(status.getPath());
            Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus c : children) {
                collectFiles(fs, c, out, false);
            }
        } else {
            out.add(status);
        }
    }

    /**
     * Moves a finished folder into place: whatever {@code target} held is deleted first, then
     * {@code source} is renamed to it (one rename on HDFS; the same folder must hold both).
     */
    public void replaceFolder(String source, String target) throws IOException {
        Path from = new Path(source);
        Path to = new Path(target);
        FileSystem fs = fileSystem(to, hadoop);
        if (fs.exists(to) && !fs.delete(to, true)) {
            throw new IOException("cannot replace " + to);
        }
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** An output-stream consumer that may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
