package io.sparkrnn.seq2seq;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.Rejections;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pairs of a run after reading on Spark: every line parsed on the executors, each word on
 * one side of the split by its seeded hash ({@link HeadwordSplit}), the token lists numbered
 * from the training pairs, the test words gathered with all their pronunciations. What could not
 * be used (lines that are not pairs, training pairs longer than the configured maxima) is
 * counted by kind and written to {@code rejected/}.
 */
record Seq2SeqData(JavaRDD<Pair> train, JavaRDD<Pair> validation, JavaRDD<Word> test, Symbols sources,
                   Symbols targets, Counts counts) {
    private static final Logger LOG = LoggerFactory.getLogger(Seq2SeqData.class);
    /** The rejection kind of a training pair longer than data.max-source-length or data.max-target-length. */
    static final String TOO_LONG = "too long to train on";

    /** What the inputs held and what became of it. */
    record Counts(long lines, long skipped, Map<String, Long> rejected, String rejectedPath, Map<String, Long> pairs,
                  Map<String, Long> words, long unknownSourceTokens, long sourceTokens) implements java.io.Serializable {
    }

    static Seq2SeqData read(JobContext<Seq2SeqConfig> job) throws IOException {
        Seq2SeqConfig config = job.config();
        Seq2SeqConfig.Data d = config.data();
        SparkSession spark = SparkSession.builder().sparkContext(job.sc().sc()).getOrCreate();
        JavaRDD<ParsePairLines.Line> lines = lines(job, spark).map(new ParsePairLines(d.parser()))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        HeadwordSplit split = new HeadwordSplit(config.training().seed(), d.testFraction(), d.validationFraction());
        JavaRDD<Pair> pairs = lines.filter(l -> l.pair() != null).map(ParsePairLines.Line::pair);
        JavaRDD<Pair> train = pairs.filter(p -> split.side(p.key()) == HeadwordSplit.Side.TRAIN);
        int maxSource = d.maxSourceLength();
        int maxTarget = d.maxTargetLength();
        JavaRDD<Rejection> rejected = lines.filter(l -> l.rejection() != null).map(ParsePairLines.Line::rejection)
                .union(train.filter(p -> p.source().size() > maxSource || p.target().size() > maxTarget)
                        .map(p -> new Rejection("", TOO_LONG, "the source has " + p.source().size()
                                + " tokens and the target " + p.target().size() + "; data.max-source-length is "
                                + maxSource + " and data.max-target-length " + maxTarget,
                                p.key() + "\t" + String.join(" ", p.target()))));
        Map<String, Long> kinds = new LinkedHashMap<>(rejected.map(Rejection::kind).countByValue());
        String rejectedPath = "";
        long rejectedCount = kinds.values().stream().mapToLong(Long::longValue).sum();
        if (rejectedCount > 0) {
            rejectedPath = job.out().path("rejected");
            Rejections.write(spark, job.storage(), rejected, rejectedPath);
            LOG.warn("{} lines or pairs could not be used ({}); they are in {}", rejectedCount, kinds, rejectedPath);
        }
        long all = lines.count();
        long skipped = lines.filter(ParsePairLines.Line::skipped).count();
        lines.unpersist();
        JavaRDD<Pair> trained = train.filter(p -> p.source().size() <= maxSource && p.target().size() <= maxTarget)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaRDD<Pair> validation = pairs.filter(p -> split.side(p.key()) == HeadwordSplit.Side.VALIDATION)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaRDD<Word> test = pairs.filter(p -> split.side(p.key()) == HeadwordSplit.Side.TEST)
                .groupBy(Pair::key).map(g -> Word.of(toList(g._2()))).persist(StorageLevel.MEMORY_AND_DISK_SER());
        return sides(job, trained, validation, test, new long[]{all, skipped}, kinds, rejectedPath);
    }

    private static List<Pair> toList(Iterable<Pair> pairs) {
        List<Pair> out = new ArrayList<>();
        pairs.forEach(out::add);
        return out;
    }

    /** The token lists of the training side, and the counts. */
    private static Seq2SeqData sides(JobContext<Seq2SeqConfig> job, JavaRDD<Pair> train, JavaRDD<Pair> validation,
                                     JavaRDD<Word> test, long[] read, Map<String, Long> kinds, String rejectedPath) {
        Symbols sources = Symbols.of(train.flatMap(p -> p.source().iterator()).countByValue());
        Symbols targets = Symbols.of(train.flatMap(p -> p.target().iterator()).countByValue());
        Map<String, Long> pairs = new LinkedHashMap<>();
        pairs.put("train", train.count());
        pairs.put("validation", validation.count());
        long testPairs = test.map(w -> (long) w.references().size()).fold(0L, Long::sum);
        pairs.put("test", testPairs);
        Map<String, Long> words = new LinkedHashMap<>();
        words.put("train", train.map(Pair::key).distinct().count());
        words.put("validation", validation.map(Pair::key).distinct().count());
        words.put("test", test.count());
        if (pairs.get("train") == 0 || words.get("test") == 0) {
            throw new DataException("data.pairs: after the split there are " + pairs.get("train") + " training pairs "
                    + "and " + words.get("test") + " test words; both sides need some (check data.test-fraction and "
                    + "that the input holds pairs)");
        }
        long[] unknown = test.map(w -> new long[]{sources.unknown(w.source()), w.source().size()})
                .fold(new long[2], (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
        LOG.info("{} training, {} validation and {} test words ({} / {} / {} pairs); {} source and {} target tokens",
                words.get("train"), words.get("validation"), words.get("test"), pairs.get("train"),
                pairs.get("validation"), pairs.get("test"), sources.size() - 3, targets.size() - 3);
        return new Seq2SeqData(train, validation, test, sources, targets, new Counts(read[0], read[1], kinds,
                rejectedPath, pairs, words, unknown[0], unknown[1]));
    }

    /**
     * Every input line as {@code (line, file, position)}. A classpath resource is copied once to
     * the work folder (so the executors read it as a file, wherever they run), then read like any
     * file.
     */
    private static JavaRDD<Row> lines(JobContext<Seq2SeqConfig> job, SparkSession spark) throws IOException {
        List<String> files = new ArrayList<>();
        for (String path : job.config().data().pairs()) {
            if (path.startsWith(Seq2SeqConfig.CLASSPATH)) {
                files.add(copyResource(job, path));
                continue;
            }
            List<FileStatus> found = job.storage().expandInputs(path);
            if (found.isEmpty()) {
                throw new DataException("data.pairs: '" + path + "' matches no file (a missing path, an empty folder "
                        + "or a glob that matches nothing)");
            }
            for (FileStatus f : found) {
                files.add(f.getPath().toString());
                job.input(f.getPath().toString(), f.getLen());
            }
        }
        return spark.read().text(files.toArray(new String[0])).select(functions.col("value"),
                functions.input_file_name(), functions.monotonically_increasing_id()).javaRDD();
    }

    private static String copyResource(JobContext<Seq2SeqConfig> job, String path) throws IOException {
        String name = path.substring(Seq2SeqConfig.CLASSPATH.length()).trim();
        byte[] bytes;
        try (InputStream in = Seq2SeqData.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new DataException("data.pairs: '" + path + "' is not on the job's classpath (the bundled "
                        + "dictionary is classpath:edu/cmu/sphinx/models/en-us/cmudict-en-us.dict)");
            }
            bytes = in.readAllBytes();
        }
        String copy = job.workDir() + "/pairs/" + name.substring(name.lastIndexOf('/') + 1);
        job.storage().writeAtomically(copy, bytes);
        job.input(path, bytes.length);
        return copy;
    }
}
