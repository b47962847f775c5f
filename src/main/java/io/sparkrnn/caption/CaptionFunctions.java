package io.sparkrnn.caption;

import io.sparkrnn.core.stats.SeededHash;
import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.io.Storage;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.datavec.spark.util.SerializableHadoopConfig;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small Spark functions of the captioning pipeline, named so they serialize to the executors
 * without their callers and can be tested without Spark.
 */
public final class CaptionFunctions {
    public static final String UNREADABLE = "unreadable image";
    public static final String NO_CAPTION = "image without caption";
    public static final String NO_IMAGE = "caption without image";
    public static final String CONFLICT = "conflicting split";

    private CaptionFunctions() {
    }

    /**
     * Reads and decodes a partition's image files from their file system (any Hadoop URI), each
     * keyed by its path relative to {@code root}. (Spark's {@code binaryFiles} was not used: each
     * of its file streams deserialises the whole split's file list, which took minutes for 9,000
     * small files here.)
     */
    public record ReadImages(String root, ImagePixels pixels, Broadcast<SerializableHadoopConfig> hadoop)
            implements FlatMapFunction<Iterator<String>, DecodedImage> {
        @Override
        public Iterator<DecodedImage> call(Iterator<String> paths) throws IOException {
            List<DecodedImage> out = new ArrayList<>();
            Configuration conf = hadoop.getValue().getConfiguration();
            while (paths.hasNext()) {
                String path = paths.next();
                String key = path.startsWith(root + "/") ? path.substring(root.length() + 1) : path;
                Path p = new Path(path);
                byte[] bytes;
                try (InputStream in = Storage.fileSystem(p, conf).open(p)) {
                    bytes = in.readAllBytes();
                }
                out.add(decode(key, path, bytes));
            }
            return out.iterator();
        }

        DecodedImage decode(String key, String path, byte[] bytes) {
            try {
                return new DecodedImage(key, path, pixels.decode(bytes), null);
            } catch (ImagePixels.UnreadableImage e) {
                return new DecodedImage(key, path, null, e.getMessage());
            } catch (RuntimeException e) {
                return new DecodedImage(key, path, null, "cannot be read: " + e);
            }
        }
    }

    /** An image with its captions, or what of them is rejected (an image without captions, captions without it). */
    public record Matched(CaptionedImage image, List<Rejection> rejected) implements java.io.Serializable {
    }

    /**
     * Joins an image key's decoded file (none, or one) with its caption rows. The group is the
     * one of the first caption (by text); every caption of an image must name the same split.
     */
    public static final class Join implements Function<Tuple2<String, Tuple2<Iterable<DecodedImage>,
            Iterable<CaptionRow>>>, Matched> {
        private static final long serialVersionUID = 1L;

        @Override
        public Matched call(Tuple2<String, Tuple2<Iterable<DecodedImage>, Iterable<CaptionRow>>> joined) {
            String key = joined._1();
            Iterator<DecodedImage> files = joined._2()._1().iterator();
            DecodedImage image = files.hasNext() ? files.next() : null;
            List<CaptionRow> rows = new ArrayList<>();
            joined._2()._2().forEach(rows::add);
            rows.sort(java.util.Comparator.comparing(CaptionRow::caption));
            List<Rejection> rejected = new ArrayList<>();
            if (image == null) {
                rows.forEach(r -> rejected.add(new Rejection("", NO_IMAGE, "no file '" + key + "' in data.images",
                        r.image() + "," + r.caption())));
                return new Matched(null, rejected);
            }
            if (!image.readable()) {
                rejected.add(new Rejection(image.path(), UNREADABLE, "the file " + image.problem()
                        + (rows.isEmpty() ? "" : " (" + rows.size() + " caption(s) name it)"), key));
                return new Matched(null, rejected);
            }
            if (rows.isEmpty()) {
                rejected.add(new Rejection(image.path(), NO_CAPTION, "no caption names '" + key + "'", key));
                return new Matched(null, rejected);
            }
            Map<String, Long> splits = new TreeMap<>();
            rows.forEach(r -> splits.merge(r.split(), 1L, Long::sum));
            if (splits.size() > 1) {
                rejected.add(new Rejection(image.path(), CONFLICT, "its captions name the splits " + splits
                        + "; all captions of an image must be on one side", key));
                return new Matched(null, rejected);
            }
            return new Matched(new CaptionedImage(key, rows.get(0).group(), rows.get(0).split(), image.pixels(),
                    rows.stream().map(CaptionRow::caption).toList()), rejected);
        }
    }

    /**
     * The side of an image without a fixed split: its group's seeded hash, so all images of a
     * group fall on one side and the same groups for the same seed.
     */
    public record AssignSplit(long seed, double test, double validation) implements Function<CaptionedImage,
            CaptionedImage> {
        @Override
        public CaptionedImage call(CaptionedImage image) {
            if (!image.split().isEmpty()) {
                return image;
            }
            double u = SeededHash.unit(seed, image.group());
            return image.withSplit(u < test ? "test" : u < test + validation ? "validation" : "train");
        }
    }

    /** The words of every caption of an image, as the vocabulary counts them. */
    public record Words(boolean lowercase) implements FlatMapFunction<CaptionedImage, String> {
        @Override
        public Iterator<String> call(CaptionedImage image) {
            List<String> words = new ArrayList<>();
            image.captions().forEach(c -> words.addAll(CaptionVocabulary.words(c, lowercase)));
            return words.iterator();
        }
    }
}
