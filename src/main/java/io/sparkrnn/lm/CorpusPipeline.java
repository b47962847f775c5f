package io.sparkrnn.lm;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.train.ExportBatches;

import io.sparkrnn.core.io.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.datavec.spark.util.BroadcastHadoopConfigHolder;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distributed text pipeline, step by step: read the corpus with Spark, place every
 * partition in it, cut it into a training and a validation part, build the vocabulary, cut
 * both parts into windows and export them as minibatch files. Only per-partition numbers and
 * the vocabulary ever reach the driver; the text itself stays on the executors.
 */
public final class CorpusPipeline implements AutoCloseable {
    private final JavaSparkContext sc;
    private final LmConfig.Data config;
    private final Storage storage;
    private final Tokenizer tokenizer;

    private final List<CorpusStats.InputFile> inputs = new ArrayList<>();
    private JavaRDD<String> lines;
    private PartitionScan[] scans;
    private SplitPlan split;
    private Vocabulary vocabulary;
    private long[] tokenStarts;
    private long[] validationTokenStarts;
    private long trainTokens;
    private long validationTokens;
    private final List<JavaRDD<?>> persisted = new ArrayList<>();

    public CorpusPipeline(JavaSparkContext sc, LmConfig.Data config, Storage storage) {
        this.sc = sc;
        this.config = config;
        this.storage = storage;
        this.tokenizer = Tokenizer.of(config.level());
    }

    /** Finds the input files and reads, scans and splits the corpus. */
    public SplitPlan read() throws IOException {
        List<String> paths = new ArrayList<>();
        for (String input : config.input()) {
            List<FileStatus> files = storage.expandInputs(input);
            if (files.isEmpty()) {
                if (storage.isDirectory(input)) {
                    throw new DataException("data.input: '" + input + "' is a folder with no files to read (resolved "
                            + "as " + storage.qualify(input) + "; names starting with _ or . are skipped)");
                }
                throw new DataException("data.input: '" + input + "' matches no file (resolved as "
                        + storage.qualify(input) + "); expected a text file, a folder of them or a glob");
            }
            for (FileStatus f : files) {
                inputs.add(new CorpusStats.InputFile(f.getPath().toString(), f.getLen()));
                paths.add(f.getPath().toString());
            }
        }
        if (inputs.stream().allMatch(f -> f.bytes() == 0)) {
            throw new DataException("data.input: the corpus is empty (" + inputs.size() + " file(s) of 0 bytes: "
                    + inputs.get(0).path() + (inputs.size() > 1 ? ", ..." : "") + ")");
        }
        List<String> notText = sc.parallelize(paths, Math.max(1, Math.min(paths.size(), sc.defaultParallelism() * 4)))
                .mapPartitions(new ProbeFiles(BroadcastHadoopConfigHolder.get(sc))).collect();
        if (!notText.isEmpty()) {
            throw new DataException("data.input: " + notText.size() + " of " + paths.size() + " input file(s) are "
                    + "not UTF-8 text; remove them from data.input or convert them:\n  " + String.join("\n  ",
                    notText.subList(0, Math.min(20, notText.size()))) + (notText.size() > 20 ? "\n  ..." : ""));
        }
        int minPartitions = config.minPartitions() > 0 ? config.minPartitions() : sc.defaultMinPartitions();
        lines = sc.textFile(String.join(",", paths), minPartitions);
        persist(lines);
        scans = lines.mapPartitionsWithIndex(
                new PartitionScan.Scan(config.level() == LmConfig.Level.CHAR, config.lowercase()), true).collect()
                .toArray(PartitionScan[]::new);
        java.util.Arrays.sort(scans, Comparator.comparingInt(s -> s.partition));
        long[] sizes = new long[scans.length];
        for (int i = 0; i < scans.length; i++) {
            sizes[i] = scans[i].codePoints;
        }
        split = new SplitPlan(sizes, config.validationFraction(), config.lowercase());
        return split;
    }

    /**
     * Builds the vocabulary, characters of the whole corpus (sorted by code point) or frequent
     * training words, and gives every token its global position in its part.
     */
    public Vocabulary buildVocabulary() {
        if (config.level() == LmConfig.Level.CHAR) {
            Map<Integer, Long> counts = new TreeMap<>();
            for (PartitionScan s : scans) {
                s.characterCounts.forEach((cp, n) -> counts.merge(cp, n, Long::sum));
            }
            List<String> tokens = new ArrayList<>();
            long[] n = new long[counts.size()];
            int i = 0;
            for (Map.Entry<Integer, Long> e : counts.entrySet()) {
                tokens.add(new String(Character.toChars(e.getKey())));
                n[i++] = e.getValue();
            }
            vocabulary = new Vocabulary(LmConfig.Level.CHAR, tokens, n);
        } else {
            List<Tuple2<String, Long>> top = lines
                    .mapPartitionsWithIndex(new SideTokens(split, Side.TRAIN, tokenizer), true)
                    .mapToPair(new WordCounts.One())
                    .reduceByKey(Long::sum)
                    .filter(new WordCounts.AtLeast(config.minCount()))
                    .takeOrdered(config.maxVocab() - 1, new WordCounts.ByCountThenWord());
            List<String> tokens = new ArrayList<>();
            long[] n = new long[top.size() + 1];
            tokens.add(Vocabulary.UNKNOWN);
            for (int i = 0; i < top.size(); i++) {
                tokens.add(top.get(i)._1());
                n[i + 1] = top.get(i)._2();
            }
            vocabulary = new Vocabulary(LmConfig.Level.WORD, tokens, n);
        }
        countTokens();
        return vocabulary;
    }

    private void countTokens() {
        List<long[]> counts = new ArrayList<>(lines.mapPartitionsWithIndex(new CountTokens(split, tokenizer), true)
                .collect());
        counts.sort(Comparator.comparingLong(c -> c[0]));
        tokenStarts = new long[scans.length];
        validationTokenStarts = new long[scans.length];
        for (long[] c : counts) {
            int p = (int) c[0];
            tokenStarts[p] = trainTokens;
            validationTokenStarts[p] = validationTokens;
            trainTokens += c[1];
            validationTokens += c[2];
        }
        if (vocabulary.hasUnknown()) {
            long known = 0;
            for (int i = 0; i < vocabulary.size(); i++) {
                known += vocabulary.count(i);
            }
            long[] n = new long[vocabulary.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = vocabulary.count(i);
            }
            n[vocabulary.id(Vocabulary.UNKNOWN)] = trainTokens - known;
            vocabulary = new Vocabulary(vocabulary.level(), vocabulary.tokens(), n);
        }
        for (Side side : Side.values()) {
            long tokens = side == Side.TRAIN ? trainTokens : validationTokens;
            if (tokens < 2) {
                throw new DataException("data.input: the " + side.label() + " part holds " + tokens + " token(s) ("
                        + split.size(side) + " of " + split.total() + " characters with data.validation-fraction = "
                        + config.validationFraction() + "); at least 2 are needed for one next-token target");
            }
        }
    }

    public long tokens(Side side) {
        return side == Side.TRAIN ? trainTokens : validationTokens;
    }

    public WindowPlan plan(Side side) {
        return new WindowPlan(tokens(side), config.sequenceLength(),
                side == Side.VALIDATION ? config.validationContext() : 0);
    }

    /** The windows of one part, whole (pieces cut by partition boundaries joined), persisted. */
    public JavaRDD<Window> windows(Side side) {
        long[] starts = side == Side.TRAIN ? tokenStarts : validationTokenStarts;
        JavaRDD<Window> pieces = lines.mapPartitionsWithIndex(
                new EmitWindows(split, side, starts, plan(side), new TokenEncoder(tokenizer, vocabulary)), true);
        persist(pieces);
        JavaRDD<Window> joined = pieces.filter(new WindowFunctions.Partial())
                .mapToPair(new WindowFunctions.ByIndex())
                .reduceByKey(Window::merge)
                .values();
        JavaRDD<Window> whole = pieces.filter(new WindowFunctions.Complete()).union(joined);
        persist(whole);
        return whole;
    }

    /**
     * Writes the windows as minibatch files under {@code dir}. Training windows are first dealt
     * to partitions and ordered by a seeded hash, so each minibatch mixes the whole corpus.
     *
     * @param trainPartitions partitions the training windows are dealt to (0 = chosen from the
     *                        input and the cluster; a resumed run passes the count it had, so
     *                        its batch files are the same whatever cluster it runs on)
     */
    public BatchFiles export(JavaRDD<Window> windows, Side side, String dir, int batchSize, long seed,
                             int trainPartitions) throws IOException {
        JavaRDD<Window> ordered = windows;
        if (side == Side.TRAIN) {
            long count = plan(side).windows();
            int partitions = trainPartitions > 0 ? trainPartitions
                    : (int) Math.max(1, Math.min(Math.max(lines.getNumPartitions(), sc.defaultParallelism()),
                    count / (batchSize * 8L)));
            ordered = windows.mapToPair(new WindowFunctions.ShuffleKey(seed))
                    .repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
                    .values();
        }
        return ExportBatches.dataSets(sc, storage, ordered.mapPartitions(new TokenBatches(batchSize,
                side == Side.VALIDATION)), dir, batchSize, plan(side).length());
    }

    public List<CorpusStats.InputFile> inputs() {
        return List.copyOf(inputs);
    }

    public int partitions() {
        return scans.length;
    }

    public long lines() {
        long n = 0;
        for (PartitionScan s : scans) {
            n += s.lines;
        }
        return n;
    }

    public long replacementCharacters() {
        long n = 0;
        for (PartitionScan s : scans) {
            n += s.replacements;
        }
        return n;
    }

    private void persist(JavaRDD<?> rdd) {
        rdd.persist(StorageLevel.MEMORY_AND_DISK_SER());
        persisted.add(rdd);
    }

    /** Releases the cached corpus and windows. */
    @Override
    public void close() {
        persisted.forEach(JavaRDD::unpersist);
        persisted.clear();
    }
}
