package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Moments;
import io.sparkrnn.core.stats.Standardizer;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.table.Rejections;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.StatCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both sides of a classification input after reading and assembly on Spark: the usable
 * sequences of each (cached), what each side's input held (rows, rejections by kind, refused
 * sequences), the classes numbered from the training labels, and the feature scaling fitted on
 * the training steps only. Rejected rows go to {@code rejected-train} and {@code rejected-test}.
 */
record ClassifyData(JavaRDD<LabelledSequence> train, JavaRDD<LabelledSequence> test, ClassifySummary.Side trainStats,
                    ClassifySummary.Side testStats, ClassIndex classes, Map<String, Long> trainCounts,
                    Map<String, Long> testCounts, List<String> featureColumns, Standardizer[] scaler) {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifyData.class);

    static ClassifyData read(JobContext<ClassifyConfig> job) throws IOException {
        ClassifyConfig config = job.config();
        SparkSession spark = SparkSession.builder().sparkContext(job.sc().sc()).getOrCreate();
        SequenceReader.Side trainInput = SequenceReader.read(spark, config.data(), job.storage(), "data.train",
                config.data().train());
        SequenceReader.Side testInput = SequenceReader.read(spark, config.data(), job.storage(), "data.test",
                config.data().test());
        if (!trainInput.featureColumns().equals(testInput.featureColumns())) {
            throw new DataException("data.test: " + testInput.table().files().get(0).path() + " gives the feature "
                    + "columns " + testInput.featureColumns() + " but data.train gives " + trainInput.featureColumns()
                    + "; both sides need the same columns (or list them in data.feature-columns)");
        }
        for (SequenceReader.Side side : List.of(trainInput, testInput)) {
            side.table().files().forEach(f -> job.input(f.path(), f.bytes()));
        }
        Assembled train = assemble(job, spark, trainInput, null);
        Map<String, Long> trainCounts = new LinkedHashMap<>(train.usable().map(LabelledSequence::label).countByValue());
        ClassIndex classes = new ClassIndex(trainCounts.keySet());
        if (classes.size() < 2) {
            throw new DataException("data.train: every usable sequence has the label " + classes.labels()
                    + "; a classifier needs at least two classes");
        }
        Assembled test = assemble(job, spark, testInput, classes);
        Map<String, Long> testCounts = new LinkedHashMap<>(test.usable().map(LabelledSequence::label).countByValue());
        int features = trainInput.featureColumns().size();
        Standardizer[] scaler = config.data().standardize()
                ? train.usable().aggregate(new Moments(features), new SequenceFunctions.AddSteps(), Moments::merge)
                .standardizers()
                : Standardizer.identity(features);
        LOG.info("{} classes {}; {} training and {} test sequences ({} and {} refused)", classes.size(),
                classes.labels(), train.stats().usable(), test.stats().usable(), train.stats().refused(),
                test.stats().refused());
        return new ClassifyData(train.usable(), test.usable(), train.stats(), test.stats(), classes, trainCounts,
                testCounts, trainInput.featureColumns(), scaler);
    }

    /** One side's usable sequences (cached) and what its input held. */
    private record Assembled(JavaRDD<LabelledSequence> usable, ClassifySummary.Side stats) {
    }

    /**
     * Parses and assembles one side; rejected rows go to {@code rejected-<side>} of the output.
     * With {@code classes}, sequences of a class the training side lacks are refused.
     */
    private static Assembled assemble(JobContext<ClassifyConfig> job, SparkSession spark, SequenceReader.Side input,
                                      ClassIndex classes) throws IOException {
        ClassifyConfig config = job.config();
        String side = input.key().substring("data.".length());
        JavaRDD<StepRow> rows = input.rows().persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> kinds = new LinkedHashMap<>(rows.map(new SequenceFunctions.KindOf()).countByValue());
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (String kind : List.of("blank line", "header line")) {
            skipped.put(kind, kinds.getOrDefault(kind, 0L));
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        ParseSteps.KINDS.forEach(k -> rejected.put(k, kinds.getOrDefault(k, 0L)));
        long total = kinds.getOrDefault("", 0L) + rejected.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            throw new DataException(input.key() + ": " + input.table().files().stream().map(InputFile::path).toList()
                    + " holds no data rows");
        }
        long rejectedRows = total - kinds.getOrDefault("", 0L);
        String rejectedPath = "";
        if (rejectedRows > 0) {
            rejectedPath = job.out().path("rejected-" + side);
            Rejections.write(spark, job.storage(), rows.filter(StepRow::rejected)
                    .map(new SequenceFunctions.AsRejection()), rejectedPath);
            LOG.warn("{}: {} of {} rows rejected; they are in {}", input.key(), rejectedRows, total, rejectedPath);
        }
        JavaRDD<LabelledSequence> all = rows.filter(new SequenceFunctions.HasId()).keyBy(StepRow::id)
                .groupByKey(Math.max(1, job.sc().defaultParallelism()))
                .map(new AssembleSequence(!config.data().orderColumn().isEmpty(), config.data().maxLength()));
        if (classes != null) {
            all = all.map(new SequenceFunctions.RefuseUnknownClass(classes));
        }
        all = all.persist(StorageLevel.MEMORY_AND_DISK());
        rows.unpersist();
        JavaRDD<LabelledSequence> usable = all.filter(LabelledSequence::usable).persist(StorageLevel.MEMORY_AND_DISK());
        ClassifySummary.Side stats = stats(input, all, usable, total, rejected, rejectedPath, skipped);
        all.unpersist();
        if (stats.usable() == 0) {
            throw new DataException(input.key() + ": no usable sequence among " + stats.sequences() + ", e.g. "
                    + stats.refusedExamples());
        }
        return new Assembled(usable, stats);
    }

    private static ClassifySummary.Side stats(SequenceReader.Side input, JavaRDD<LabelledSequence> all,
                                              JavaRDD<LabelledSequence> usable, long rows, Map<String, Long> rejected,
                                              String rejectedPath, Map<String, Long> skipped) {
        long sequences = all.count();
        List<String> refused = all.filter(s -> !s.usable()).map(s -> s.id() + ": " + s.problem()).take(20);
        StatCounter lengths = usable.mapToDouble(LabelledSequence::length).stats();
        long usableCount = lengths.count();
        if (usableCount < sequences) {
            LOG.warn("{}: {} of {} sequences cannot be used (listed in run.json and the report), e.g. {}", input.key(),
                    sequences - usableCount, sequences, refused.get(0));
        }
        long truncated = usable.filter(LabelledSequence::truncated).count();
        return new ClassifySummary.Side(input.key(), input.table().files().stream().map(InputFile::path).toList(),
                input.table().bytes(), rows, rejected, rejectedPath, skipped, sequences, usableCount, refused,
                truncated, usableCount == 0 ? 0 : (int) lengths.min(), usableCount == 0 ? 0 : lengths.mean(),
                usableCount == 0 ? 0 : (int) lengths.max());
    }
}
