package io.sparkrnn.caption;

import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.train.ModelBytes;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The evaluation on the held-out test images, after training: the model's greedy and beam
 * captions (made on the executors), and two baselines on the same split, which a captioner has
 * to beat to be worth its cost: the most frequent training caption for every image, and the
 * caption of the nearest training image, in pixels and in the trained encoder's features (the
 * training images stay on the executors; see {@link Nearest}). Writes the test captions and
 * the model files ({@link CaptionFiles}).
 */
final class CaptionEvaluation {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaptionEvaluation.class);

    /** Word substitutions listed in the metrics and the report. */
    private static final int SUBSTITUTIONS = 10;

    private CaptionEvaluation() {
    }

    /** The scores by system, the most frequent caption, and the gallery. */
    record Result(Map<String, CaptionScoring.Scores> scores, String frequent, List<CaptionSummary.GalleryItem> gallery,
                  CaptionErrors errors) {
    }

    static Result run(JobContext<CaptionConfig> job, ComputationGraph model, CaptionData data) throws IOException {
        CaptionConfig config = job.config();
        CaptionConfig.Data d = config.data();
        long start = System.nanoTime();
        byte[] bytes = ModelBytes.toBytes(model);
        Broadcast<byte[]> broadcast = job.sc().broadcast(bytes);
        List<DescribeImages.Described> test = new ArrayList<>(data.test().mapPartitions(describe(config, broadcast,
                data.vocabulary(), DescribeImages.Captions.GREEDY_AND_BEAM)).collect());
        test.sort(Comparator.comparing(DescribeImages.Described::key));
        long t0 = System.nanoTime();
        LOG.info("captioned {} test images (greedy and beam width {}) in {} s", test.size(),
                config.decode().beamWidth(), seconds(start, t0));
        JavaRDD<Nearest.Point> trainFeatures = data.train().mapPartitions(describe(config, broadcast,
                data.vocabulary(), DescribeImages.Captions.NONE)).map(t -> new Nearest.Point(t.key(), t.features(), t.references().get(0)))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        Map<String, Nearest> byPixels = nearest(data.test().map(i -> new Nearest.Point(i.key(), i.pixels(), null)),
                data.train().map(i -> new Nearest.Point(i.key(), i.pixels(), i.captions().get(0))));
        long t1 = System.nanoTime();
        LOG.info("nearest training image in pixels of every test image: {} s", seconds(t0, t1));
        Map<String, Nearest> byFeatures = nearest(job.sc().parallelize(test.stream()
                .map(t -> new Nearest.Point(t.key(), t.features(), null)).toList(), data.train().getNumPartitions()),
                trainFeatures);
        trainFeatures.unpersist();
        broadcast.destroy();
        LOG.info("encoder features of the training images and the nearest in them: {} s",
                seconds(t1, System.nanoTime()));
        String frequent = mostFrequent(data.train(), d.lowercase());
        Map<String, List<String>> systems = new LinkedHashMap<>();
        systems.put("greedy", test.stream().map(DescribeImages.Described::greedy).toList());
        systems.put("beam", test.stream().map(DescribeImages.Described::beam).toList());
        systems.put("most_frequent", test.stream().map(t -> frequent).toList());
        systems.put("nearest_neighbour", test.stream().map(t -> byPixels.get(t.key()).caption()).toList());
        systems.put("nearest_neighbour_features", test.stream().map(t -> byFeatures.get(t.key()).caption()).toList());
        Map<String, CaptionScoring.Scores> scores = CaptionScoring.all(systems,
                test.stream().map(DescribeImages.Described::references).toList(), d.lowercase());
        CaptionErrors errors = errors(data, systems.get("beam"),
                test.stream().map(DescribeImages.Described::references).toList(), d.lowercase());
        List<CaptionSummary.GalleryItem> gallery = gallery(data, test, byPixels, config);
        new CaptionFiles(job.storage(), job.out()).write(job.sc(), bytes, data.vocabulary(), config, test, byPixels);
        return new Result(scores, frequent, gallery, errors);
    }

    /** The beam captions' substitutions, and how many wrong ones training images have too (counted on Spark). */
    private static CaptionErrors errors(CaptionData data, List<String> captions, List<List<String>> references,
                                        boolean lowercase) {
        CaptionErrors errors = CaptionErrors.of(captions, references, lowercase, SUBSTITUTIONS);
        Set<String> asked = new java.util.HashSet<>(errors.wrongCaptions());
        Set<String> seen = new java.util.HashSet<>(data.train().flatMap(i -> i.captions().iterator())
                .map(c -> String.join(" ", CaptionVocabulary.words(c, lowercase))).filter(asked::contains)
                .distinct().collect());
        return errors.withSeenInTraining(errors.wrongCaptions().stream().filter(seen::contains).count());
    }

    private static String seconds(long from, long to) {
        return String.format(java.util.Locale.ROOT, "%.1f", (to - from) / 1e9);
    }

    private static DescribeImages describe(CaptionConfig config, Broadcast<byte[]> model, CaptionVocabulary vocabulary,
                                           DescribeImages.Captions captions) {
        CaptionConfig.Data d = config.data();
        return new DescribeImages(model, config.model(), vocabulary, config.decode(), d.channels(), d.imageHeight(),
                d.imageWidth(), captions);
    }

    /** The nearest training point of every query, found on the executors. */
    static Map<String, Nearest> nearest(JavaRDD<Nearest.Point> queries, JavaRDD<Nearest.Point> train) {
        JavaRDD<List<Nearest.Point>> blocks = train.glom().persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaPairRDD<String, Nearest> best = queries.cartesian(blocks).mapToPair(new Nearest.InBlock())
                .reduceByKey(Nearest::merge);
        Map<String, Nearest> found = new LinkedHashMap<>(best.collectAsMap());
        blocks.unpersist();
        return found;
    }

    /** The most frequent training caption, as words (ties: the alphabetically first). */
    static String mostFrequent(JavaRDD<CaptionedImage> train, boolean lowercase) {
        Map<String, Long> counts = train.flatMap(i -> i.captions().iterator())
                .map(c -> String.join(" ", CaptionVocabulary.words(c, lowercase))).countByValue();
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
    }

    /** The best and worst test images by the beam caption's BLEU-1, with thumbnails. */
    private static List<CaptionSummary.GalleryItem> gallery(CaptionData data, List<DescribeImages.Described> test,
                                                           Map<String, Nearest> byPixels, CaptionConfig config) {
        int n = Math.min(config.eval().gallery(), test.size());
        boolean lower = config.data().lowercase();
        List<DescribeImages.Described> ranked = new ArrayList<>(test);
        Map<String, Double> bleu = new LinkedHashMap<>();
        test.forEach(t -> bleu.put(t.key(), CaptionScoring.sentenceBleu1(t.beam(), t.references(), lower)));
        ranked.sort(Comparator.comparing((DescribeImages.Described t) -> -bleu.get(t.key()))
                .thenComparing(DescribeImages.Described::key));
        List<DescribeImages.Described> chosen = new ArrayList<>(ranked.subList(0, (n + 1) / 2));
        for (DescribeImages.Described t : ranked.subList(Math.max((n + 1) / 2, ranked.size() - n / 2), ranked.size())) {
            chosen.add(t);
        }
        Set<String> keys = chosen.stream().map(DescribeImages.Described::key).collect(Collectors.toSet());
        CaptionConfig.Data d = config.data();
        ImagePixels pixels = new ImagePixels(d.imageHeight(), d.imageWidth(), d.channels());
        Map<String, float[]> images = data.test().filter(i -> keys.contains(i.key()))
                .mapToPair(i -> new scala.Tuple2<>(i.key(), i.pixels())).collectAsMap();
        List<CaptionSummary.GalleryItem> out = new ArrayList<>();
        for (DescribeImages.Described t : chosen) {
            out.add(new CaptionSummary.GalleryItem(t.key(), pixels.dataUri(images.get(t.key())), t.references(),
                    t.beam(), t.greedy(), byPixels.get(t.key()).caption(), bleu.get(t.key())));
        }
        return out;
    }
}
