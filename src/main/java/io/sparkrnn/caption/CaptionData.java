package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.Rejections;
import io.sparkrnn.core.table.TableInput;
import io.sparkrnn.core.table.TableReader;
import org.datavec.spark.util.BroadcastHadoopConfigHolder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images and captions of a run after reading on Spark: images decoded and resized on the
 * executors (never collected to the driver), joined with their captions by image path, each
 * image on one side of the split, the vocabulary numbered from the training captions. What
 * could not be used (unreadable images, images without captions, captions without images, bad
 * rows) is counted by kind and written to {@code rejected/}.
 */
record CaptionData(JavaRDD<CaptionedImage> train, JavaRDD<CaptionedImage> validation, JavaRDD<CaptionedImage> test,
                   CaptionVocabulary vocabulary, Counts counts) {
    private static final Logger LOG = LoggerFactory.getLogger(CaptionData.class);

    /** What the inputs held and what became of it. */
    record Counts(long imageFiles, long otherFiles, long captionRows, long skippedRows, Map<String, Long> rejected,
                  String rejectedPath, Map<String, Long> images, Map<String, Long> captions, long truncated,
                  long unknownWords, long words) implements java.io.Serializable {
    }

    static CaptionData read(JobContext<CaptionConfig> job) throws IOException {
        CaptionConfig.Data d = job.config().data();
        SparkSession spark = SparkSession.builder().sparkContext(job.sc().sc()).getOrCreate();
        String root = job.storage().qualify(d.images());
        ImageFiles found = ImageFiles.list(job.storage(), root, "data.images");
        List<String> files = found.images();
        long others = found.others();
        long bytes = found.bytes();
        job.input(root, bytes);
        int partitions = Math.max(job.sc().defaultParallelism(), Math.min(files.size() / 256 + 1, 1000));
        JavaRDD<DecodedImage> images = job.sc().parallelize(files, partitions)
                .mapPartitions(new CaptionFunctions.ReadImages(root, new ImagePixels(d.imageHeight(), d.imageWidth(),
                        d.channels()), BroadcastHadoopConfigHolder.get(job.sc())));
        JavaRDD<CaptionRow> rows = captionRows(job, spark).persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<CaptionFunctions.Matched> matched = images.keyBy(DecodedImage::key)
                .cogroup(rows.filter(CaptionRow::usable).keyBy(CaptionRow::image), partitions)
                .map(new CaptionFunctions.Join()).persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaRDD<Rejection> rejected = rows.filter(r -> r.rejection() != null).map(CaptionRow::rejection)
                .union(matched.flatMap(m -> m.rejected().iterator()));
        Map<String, Long> kinds = new LinkedHashMap<>(rejected.map(Rejection::kind).countByValue());
        String rejectedPath = "";
        long rejectedCount = kinds.values().stream().mapToLong(Long::longValue).sum();
        if (rejectedCount > 0) {
            rejectedPath = job.out().path("rejected");
            Rejections.write(spark, job.storage(), rejected, rejectedPath);
            LOG.warn("{} images or captions could not be used ({}); they are in {}", rejectedCount, kinds,
                    rejectedPath);
        }
        JavaRDD<CaptionedImage> all = matched.filter(m -> m.image() != null).map(CaptionFunctions.Matched::image)
                .map(new CaptionFunctions.AssignSplit(job.config().training().seed(), d.testFraction(),
                        d.validationFraction())).persist(StorageLevel.MEMORY_AND_DISK_SER());
        long skipped = rows.filter(CaptionRow::skipped).count();
        long captionRows = rows.count() - skipped;
        rows.unpersist();
        return split(job, all, matched, new long[] {files.size(), others, captionRows, skipped}, kinds, rejectedPath);
    }

    private static JavaRDD<CaptionRow> captionRows(JobContext<CaptionConfig> job, SparkSession spark)
            throws IOException {
        CaptionConfig.Data d = job.config().data();
        TableReader table = TableReader.open(spark, job.storage(), new TableInput("data.captions", d.captions(),
                d.format(), d.csvDelimiter()));
        table.files().forEach(f -> job.input(f.path(), f.bytes()));
        List<String> needed = new ArrayList<>(List.of(d.imageColumn(), d.captionColumn()));
        int groupAt = -1;
        int splitAt = -1;
        if (!d.groupColumn().isEmpty()) {
            groupAt = needed.size();
            needed.add(d.groupColumn());
        }
        if (!d.splitColumn().isEmpty()) {
            splitAt = needed.size();
            needed.add(d.splitColumn());
        }
        int g = groupAt;
        int s = splitAt;
        return table.rows(needed, "data.image-column, data.caption-column, data.group-column, data.split-column")
                .map(row -> CaptionRow.of(row, g, s));
    }

    /** The sides of the split, the vocabulary of the training side, and the counts. */
    private static CaptionData split(JobContext<CaptionConfig> job, JavaRDD<CaptionedImage> all,
                                     JavaRDD<CaptionFunctions.Matched> matched, long[] read, Map<String, Long> kinds,
                                     String rejectedPath) {
        CaptionConfig.Data d = job.config().data();
        JavaRDD<CaptionedImage> train = all.filter(i -> i.split().equals("train"));
        JavaRDD<CaptionedImage> validation = all.filter(i -> i.split().equals("validation"));
        JavaRDD<CaptionedImage> test = all.filter(i -> i.split().equals("test"));
        Map<String, Long> images = new LinkedHashMap<>();
        Map<String, Long> captions = new LinkedHashMap<>();
        for (String side : CaptionRow.SPLITS) {
            images.put(side, 0L);
            captions.put(side, 0L);
        }
        all.mapToPair(i -> new scala.Tuple2<>(i.split(), new long[] {1, i.captions().size()}))
                .reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}).collectAsMap()
                .forEach((side, n) -> {
                    images.put(side, n[0]);
                    captions.put(side, n[1]);
                });
        matched.unpersist();
        if (images.get("train") == 0 || images.get("test") == 0) {
            throw new DataException("data.captions: after the split there are " + images.get("train")
                    + " training and " + images.get("test") + " test images; both sides need images (check "
                    + (d.splitColumn().isEmpty() ? "data.test-fraction and the number of groups" : "the values of "
                    + d.splitColumn()) + ")");
        }
        Map<String, Long> wordCounts = train.flatMap(new CaptionFunctions.Words(d.lowercase())).countByValue();
        CaptionVocabulary vocabulary = CaptionVocabulary.of(wordCounts, d.minCount(), d.lowercase());
        long truncated = train.flatMap(i -> i.captions().iterator())
                .filter(c -> CaptionVocabulary.words(c, d.lowercase()).size() > d.maxCaptionLength()).count();
        long[] unknown = test.flatMap(new CaptionFunctions.Words(d.lowercase()))
                .map(w -> vocabulary.id(w) == CaptionVocabulary.UNKNOWN_ID ? 1L : 0L)
                .aggregate(new long[2], (a, u) -> new long[] {a[0] + u, a[1] + 1},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        LOG.info("{} training, {} validation and {} test images ({} / {} / {} captions); {} words in the vocabulary",
                images.get("train"), images.get("validation"), images.get("test"), captions.get("train"),
                captions.get("validation"), captions.get("test"), vocabulary.size());
        return new CaptionData(train, validation, test, vocabulary, new Counts(read[0], read[1], read[2], read[3],
                kinds, rejectedPath, images, captions, truncated, unknown[0], unknown[1]));
    }
}
