package io.sparkrnn.seq2seq;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.job.JobRunner;
import io.sparkrnn.core.job.RunRecord;
import io.sparkrnn.core.report.BuildInfo;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.Rejections;
import io.sparkrnn.core.train.ModelBytes;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transduce tool's pipeline ({@code jobs/transduce.sh}): reads text lines on Spark, one
 * source a line (a line's text before a tab, so a pairs file can be transduced as it is), cuts
 * each into tokens as the model was trained ({@code seq2seq.json}), transduces it with beam
 * search on the executors, and writes {@code outputs/} (Parquet) and {@code outputs-csv/}
 * (source, output, log-probability), lines with no token under {@code rejected/}, a
 * {@code run.json}, {@code _SUCCESS} last. Blank lines are counted, not transduced.
 */
public final class TransduceJob {
    private static final Logger LOG = LoggerFactory.getLogger(TransduceJob.class);
    static final String EMPTY = "no source token";

    private TransduceJob() {
    }

    /** A trained model as saved by a training run. */
    public record Model(String dir, byte[] bytes, Seq2SeqFiles.Saved saved) {
        public static Model load(Storage storage, String dir) throws IOException {
            if (!storage.exists(dir + "/" + ModelBytes.MODEL_FILE)) {
                throw new DataException("--model: " + dir + " has no " + ModelBytes.MODEL_FILE + "; expected the output "
                        + "folder of a finished jobs/train-seq2seq.sh run");
            }
            Seq2SeqFiles.Saved saved = Seq2SeqFiles.read(storage, dir);
            return new Model(dir, storage.readBytes(dir + "/" + ModelBytes.MODEL_FILE), saved);
        }
    }

    /** What a transduce run produced. */
    public record Outcome(long transduced, long blank, long rejected) {
    }

    public static Outcome run(JavaSparkContext sc, Model model, String input, String output,
                              Seq2SeqConfig.Decode decode, boolean overwrite) throws IOException {
        Instant started = Instant.now();
        Storage storage = new Storage(sc.hadoopConfiguration());
        OutputFolder out = new OutputFolder(storage, storage.qualify(output));
        out.prepare(overwrite, false);
        List<FileStatus> files = storage.expandInputs(input);
        if (files.isEmpty()) {
            throw new DataException("--input: '" + input + "' matches no file");
        }
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        Seq2SeqFiles.Saved s = model.saved();
        PairParser.Tokens tokens = s.sourceTokens();
        boolean lowercase = s.lowercase();
        JavaRDD<String> lines = spark.read().text(files.stream().map(f -> f.getPath().toString())
                .toArray(String[]::new)).javaRDD().map(r -> r.getString(0)).persist(StorageLevel.MEMORY_AND_DISK_SER());
        long blank = lines.filter(String::isBlank).count();
        JavaRDD<Word> words = lines.filter(line -> !line.isBlank()).map(line -> source(line, tokens, lowercase))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        long all = words.count();
        lines.unpersist();
        JavaRDD<Word> empty = words.filter(w -> w.source().isEmpty());
        long rejected = empty.count();
        if (rejected > 0) {
            Rejections.write(spark, storage, empty.map(w -> new Rejection(input, EMPTY, "the line holds no token to "
                    + "transduce", w.key())), out.path("rejected"));
        }
        Broadcast<byte[]> broadcast = sc.broadcast(model.bytes());
        JavaRDD<Row> rows = words.filter(w -> !w.source().isEmpty())
                .mapPartitions(new Transduce(broadcast, s.model(), s.sources(), s.targets(), decode, false))
                .map(o -> RowFactory.create(o.word().key(), String.join(" ", o.beam()), o.beamLogProb()));
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("source", DataTypes.StringType, false),
                DataTypes.createStructField("output", DataTypes.StringType, false),
                DataTypes.createStructField("log_probability", DataTypes.DoubleType, false)));
        var frame = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        FrameWriter frames = new FrameWriter(storage);
        frames.parquet(frame, out.path("outputs"));
        frames.csv(frame, out.path("outputs-csv"), true);
        long transduced = frame.count();
        frame.unpersist();
        words.unpersist();
        broadcast.destroy();
        var details = Json.object();
        details.put("model", model.dir());
        details.put("lines", all + blank);
        details.put("transduced", transduced);
        details.put("blank_lines", blank);
        details.put("rejected", rejected);
        details.putPOJO("decode", decode);
        RunRecord record = new RunRecord("transduce", BuildInfo.versions(sc.version()), BuildInfo.sparkInfo(sc),
                sc.defaultParallelism(), 0, started, Instant.now(), null, 0,
                Map.of("read, transduce and write", Duration.between(started, Instant.now()).toMillis() / 1e3),
                files.stream().map(f -> new InputFile(f.getPath().toString(), f.getLen())).toList(), out.dir(), "",
                details);
        storage.writeString(out.path(JobRunner.RUN), record.render());
        out.markSuccess();
        LOG.info("Transduced {} line(s) with {} ({} blank, {} without a token); output {}", transduced, model.dir(),
                blank, rejected, out.dir());
        return new Outcome(transduced, blank, rejected);
    }

    /** A line's source: its text before a tab, cut into tokens; the key is that text as written. */
    static Word source(String line, PairParser.Tokens tokens, boolean lowercase) {
        int tab = line.indexOf('\t');
        String text = (tab >= 0 ? line.substring(0, tab) : line).strip();
        List<String> source = PairParser.tokens(lowercase ? text.toLowerCase(Locale.ROOT) : text, tokens);
        return new Word(text, source, List.of(List.of()));
    }
}
