package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST, gzipped as distributed or plain: a big-endian
 * header (magic number {@code 0x00000803} for images of unsigned bytes in three dimensions,
 * {@code 0x00000801} for labels in one, then the sizes) and the bytes. Read whole, because the
 * tools need random access to items and the largest file is 47 MB; a wrong magic number, a file
 * shorter than its header says or with bytes beyond it is refused with a message naming the file,
 * since a silently short set would change which items the scenes are made of. Written gzipped
 * with a fixed gzip header, so the same items give the same bytes.
 */
public final class IdxFile {
    /** Magic number of an image file: unsigned bytes, three dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFile() {
    }

    /** Images as stored: {@code count} items of {@code rows x columns} bytes, row by row, 0 = background. */
    public record Images(String source, int rows, int columns, byte[] pixels) {
        public int count() {
            return pixels.length / (rows * columns);
        }

        /** A copy of the pixels of item {@code index}. */
        public byte[] item(int index) {
            int size = rows * columns;
            byte[] out = new byte[size];
            System.arraycopy(pixels, index * size, out, 0, size);
            return out;
        }
    }

    /** Reads an image file ({@code *-images-idx3-ubyte[.gz]}). */
    public static Images readImages(Path file) {
        return read(file, IMAGES_MAGIC, "images (e.g. train-images-idx3-ubyte.gz)", in -> {
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (count < 0 || rows <= 0 || columns <= 0 || (long) count * rows * columns > Integer.MAX_VALUE - 16) {
                throw new DataException(file + ": the IDX header gives " + count + " images of " + rows + "x" + columns
                        + " pixels, which is not a usable size");
            }
            byte[] pixels = body(in, file, (long) count * rows * columns,
                    String.format(Locale.ROOT, "%,d images of %dx%d", count, rows, columns));
            return new Images(file.toString(), rows, columns, pixels);
        });
    }

    /** Reads a label file ({@code *-labels-idx1-ubyte[.gz]}): one byte per item. */
    public static byte[] readLabels(Path file) {
        return read(file, LABELS_MAGIC, "labels (e.g. train-labels-idx1-ubyte.gz)", in -> {
            int count = in.readInt();
            if (count < 0) {
                throw new DataException(file + ": the IDX header gives " + count + " labels");
            }
            return body(in, file, count, String.format(Locale.ROOT, "%,d labels", count));
        });
    }

    /** Writes images gzipped (fixed gzip header: the same images give the same bytes). */
    public static void writeImages(Path file, Images images) throws IOException {
        try (DataOutputStream out = gzipped(file)) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.rows());
            out.writeInt(images.columns());
            out.write(images.pixels());
        }
    }

    /** Writes labels gzipped. */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        try (DataOutputStream out = gzipped(file)) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private interface Body<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> T read(Path file, int magic, String expected, Body<T> body) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file (expected the IDX file of Fashion-MNIST " + expected + ")");
        }
        try (DataInputStream in = new DataInputStream(open(file))) {
            int found = in.readInt();
            if (found != magic) {
                throw new DataException(String.format(Locale.ROOT, "%s: IDX magic number 0x%08X expected for %s, "
                        + "found 0x%08X", file, magic, expected, found));
            }
            return body.read(in);
        } catch (EOFException e) {
            throw new DataException(file + ": the file ends inside its IDX header (expected " + expected + ")");
        } catch (ZipException e) {
            throw new DataException(file + ": a gzip file that cannot be read (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The gzip stream when the file starts with gzip's magic bytes, else the file itself. */
    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    private static byte[] body(DataInputStream in, Path file, long size, String what) throws IOException {
        byte[] data = new byte[(int) size];
        int read;
        long extra;
        try {
            read = in.readNBytes(data, 0, data.length);
            extra = read < data.length ? 0 : in.transferTo(OutputStream.nullOutputStream());
        } catch (EOFException e) {
            throw new DataException(file + ": truncated: the gzip stream ends early (" + e.getMessage()
                    + "); the IDX header promises " + what);
        }
        if (read < data.length) {
            throw new DataException(String.format(Locale.ROOT, "%s: truncated: the IDX header promises %s "
                    + "(%,d bytes after the header) but the file holds %,d", file, what, size, read));
        }
        if (extra > 0) {
            throw new DataException(String.format(Locale.ROOT, "%s: %,d byte(s) beyond the %s the IDX header "
                    + "gives: the header and the data disagree", file, extra, what));
        }
        return data;
    }

    private static DataOutputStream gzipped(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16), 1 << 16));
    }
}
