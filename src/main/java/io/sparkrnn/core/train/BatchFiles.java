package io.sparkrnn.core.train;


import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * The exported minibatch files of one side, addressed by a global index without listing them:
 * file {@code i} is found from the per-partition file counts that the writing tasks
 * reports, so the driver holds a few numbers per partition however large the corpus.
 */
public final class BatchFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final int batchSize;
    private final int sequenceLength;
    private final int[] partitions;
    private final long[] firstFile;
    private final int[] lastFileSize;
    private final long files;
    private final long examples;
    private final int exportPartitions;

    /**
     * @param written one {@link Written} per partition, in any order
     */
    public BatchFiles(String dir, int batchSize, int sequenceLength, Written[] written) {
        Written[] parts = written.clone();
        Arrays.sort(parts, (a, b) -> Integer.compare(a.partition, b.partition));
        this.dir = dir;
        this.batchSize = batchSize;
        this.sequenceLength = sequenceLength;
        int n = (int) Arrays.stream(parts).filter(w -> w.files > 0).count();
        this.partitions = new int[n];
        this.firstFile = new long[n];
        this.lastFileSize = new int[n];
        long f = 0;
        long w = 0;
        int j = 0;
        for (Written p : parts) {
            w += p.examples;
            if (p.files == 0) {
                continue;
            }
            partitions[j] = p.partition;
            firstFile[j] = f;
            lastFileSize[j] = p.lastFileSize;
            f += p.files;
            j++;
        }
        this.files = f;
        this.examples = w;
        this.exportPartitions = parts.length;
    }

    /** Spark partitions the batches were written from (empty ones included). */
    public int exportPartitions() {
        return exportPartitions;
    }

    public static String fileName(int partition, int batch) {
        return String.format(Locale.ROOT, "p%05d-b%06d.bin", partition, batch);
    }

    public String dir() {
        return dir;
    }

    /** Time steps of every sequence in these files. */
    public int sequenceLength() {
        return sequenceLength;
    }

    public long files() {
        return files;
    }

    public long examples() {
        return examples;
    }

    /** Path of file {@code i}, 0 <= i < {@link #files()}. */
    public String path(long i) {
        int j = slot(i);
        return dir + "/" + fileName(partitions[j], (int) (i - firstFile[j]));
    }

    /** Windows (sequences) in file {@code i}. */
    public int examples(long i) {
        int j = slot(i);
        long next = j + 1 < partitions.length ? firstFile[j + 1] : files;
        return i == next - 1 ? lastFileSize[j] : batchSize;
    }

    private int slot(long i) {
        if (i < 0 || i >= files) {
            throw new IndexOutOfBoundsException("batch file " + i + " of " + files);
        }
        int j = Arrays.binarySearch(firstFile, i);
        return j >= 0 ? j : -j - 2;
    }

    /** What one partition wrote. A plain class so that Spark's Kryo serializer can move it. */
    public static final class Written implements Serializable {
        private static final long serialVersionUID = 1L;
        public int partition;
        public int files;
        public int lastFileSize;
        public long examples;
        public long scoredTargets;
    }
}
