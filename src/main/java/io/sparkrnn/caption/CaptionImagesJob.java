package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.datavec.spark.util.BroadcastHadoopConfigHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The caption tool's pipeline ({@code jobs/caption.sh}): reads a folder of images on Spark,
 * prepares them as the model was trained ({@code captioner.json}), captions each with beam
 * search on the executors, and writes {@code captions/} (Parquet) and {@code captions-csv/}
 * (image, caption, log-probability), the images that could not be read under {@code rejected/},
 * a {@code run.json}, {@code _SUCCESS} last.
 */
public final class CaptionImagesJob {
    private static final Logger LOG = LoggerFactory.getLogger(CaptionImagesJob.class);

    private CaptionImagesJob() {
    }

    /** A trained captioner as saved by a training run. */
    public record Captioner(String dir, byte[] model, CaptionVocabulary vocabulary, CaptionConfig config) {
        /** Reads {@code model.zip}, {@code captioner.json} and {@code config.conf} of a training run's output. */
        public static Captioner load(Storage storage, String dir) throws IOException {
            for (String f : List.of(ModelBytes.MODEL_FILE, CaptionFiles.CAPTIONER, JobRunner.CONFIG)) {
                if (!storage.exists(dir + "/" + f)) {
                    throw new DataException("--model: " + dir + " has no " + f + "; expected the output folder of a "
                            + "finished jobs/train-caption.sh run");
                }
            }
            JsonNode captioner = Json.MAPPER.readTree(storage.readString(dir + "/" + CaptionFiles.CAPTIONER));
            CaptionVocabulary vocabulary = CaptionVocabulary.fromJson(captioner.path("vocabulary").toString(),
                    dir + "/" + CaptionFiles.CAPTIONER);
            CaptionConfig config = CaptionConfig.LOADER.loadText(storage.readString(dir + "/" + JobRunner.CONFIG),
                    dir + "/" + JobRunner.CONFIG, dir, List.of());
            return new Captioner(dir, storage.readBytes(dir + "/" + ModelBytes.MODEL_FILE), vocabulary, config);
        }
    }

    /** What a caption run produced. */
    public record Outcome(long captioned, long unreadable, long otherFiles) {
    }

    public static Outcome run(JavaSparkContext sc, Captioner captioner, String images, String output,
                              CaptionConfig.Decode decode, boolean overwrite) throws IOException {
        Instant started = Instant.now();
        Storage storage = new Storage(sc.hadoopConfiguration());
        OutputFolder out = new OutputFolder(storage, storage.qualify(output));
        out.prepare(overwrite, false);
        CaptionConfig.Data d = captioner.config().data();
        String root = storage.qualify(images);
        ImageFiles found = ImageFiles.list(storage, root, "--images");
        List<String> files = found.images();
        long others = found.others();
        long bytes = found.bytes();
        JavaRDD<DecodedImage> decoded = sc.parallelize(files, Math.max(sc.defaultParallelism(), files.size() / 256 + 1))
                .mapPartitions(new CaptionFunctions.ReadImages(root, new ImagePixels(d.imageHeight(), d.imageWidth(),
                        d.channels()), BroadcastHadoopConfigHolder.get(sc))).persist(StorageLevel.MEMORY_AND_DISK_SER());
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        long unreadable = decoded.filter(i -> !i.readable()).count();
        if (unreadable > 0) {
            Rejections.write(spark, storage, decoded.filter(i -> !i.readable()).map(i -> new Rejection(i.path(),
                    CaptionFunctions.UNREADABLE, "the file " + i.problem(), i.key())), out.path("rejected"));
        }
        Broadcast<byte[]> model = sc.broadcast(captioner.model());
        JavaRDD<Row> rows = decoded.filter(DecodedImage::readable)
                .map(i -> new CaptionedImage(i.key(), i.key(), "", i.pixels(), List.of()))
                .mapPartitions(new DescribeImages(model, captioner.config().model(), captioner.vocabulary(), decode,
                        d.channels(), d.imageHeight(), d.imageWidth(), DescribeImages.Captions.BEAM))
                .map(t -> RowFactory.create(t.key(), t.beam(), t.beamLogProb()));
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("image", DataTypes.StringType, false),
                DataTypes.createStructField("caption", DataTypes.StringType, false),
                DataTypes.createStructField("log_probability", DataTypes.DoubleType, false)));
        var frame = spark.createDataFrame(rows, schema).orderBy("image").persist(StorageLevel.MEMORY_AND_DISK());
        FrameWriter frames = new FrameWriter(storage);
        frames.parquet(frame, out.path("captions"));
        frames.csv(frame, out.path("captions-csv"), true);
        long captioned = frame.count();
        frame.unpersist();
        decoded.unpersist();
        model.destroy();
        var details = Json.object();
        details.put("model", captioner.dir());
        details.put("images", root);
        details.put("captioned", captioned);
        details.put("unreadable", unreadable);
        details.put("other_files_skipped", others);
        details.putPOJO("decode", decode);
        RunRecord record = new RunRecord("caption", BuildInfo.versions(sc.version()), BuildInfo.sparkInfo(sc),
                sc.defaultParallelism(), captioner.config().training().seed(), started, Instant.now(), null, 0,
                Map.of("read, caption and write", Duration.between(started, Instant.now()).toMillis() / 1e3),
                List.of(new InputFile(root, bytes)), out.dir(), CaptionConfig.LOADER.toHocon(captioner.config()), details);
        storage.writeString(out.path(JobRunner.RUN), record.render());
        out.markSuccess();
        LOG.info("Captioned {} image(s) with {} ({} unreadable, {} other files skipped); output {}", captioned,
                captioner.dir(), unreadable, others, out.dir());
        return new Outcome(captioned, unreadable, others);
    }
}
