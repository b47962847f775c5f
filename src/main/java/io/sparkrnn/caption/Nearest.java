package io.sparkrnn.caption;

import io.sparkrnn.core.stats.Mergeable;
import org.apache.spark.api.java.function.PairFunction;
import scala.Tuple2;

import java.io.Serializable;
import java.util.List;

/**
 * The nearest-neighbour baseline's aggregate for one test image: the training image closest to
 * it in squared Euclidean distance (of pixels, or of encoder features) found so far, and that
 * image's caption. The training images stay on the executors in blocks (one per partition);
 * every (test image, block) pair finds its nearest and the pairs of a test image merge by keeping
 * the closer one (ties: the smaller image key, so the answer does not depend on partitioning).
 */
public final class Nearest implements Mergeable<Nearest>, Serializable {
    private static final long serialVersionUID = 1L;
    private double distance = Double.POSITIVE_INFINITY;
    private String image;
    private String caption;

    public Nearest() {
    }

    Nearest(double distance, String image, String caption) {
        this.distance = distance;
        this.image = image;
        this.caption = caption;
    }

    /** Keeps {@code key} if it is closer (or as close with a smaller key). */
    public Nearest offer(double d, String key, String text) {
        if (key != null && (d < distance || (d == distance && (image == null || key.compareTo(image) < 0)))) {
            distance = d;
            image = key;
            caption = text;
        }
        return this;
    }

    @Override
    public Nearest merge(Nearest other) {
        return offer(other.distance, other.image, other.caption);
    }

    public double distance() {
        return distance;
    }

    public String image() {
        return image;
    }

    public String caption() {
        return caption;
    }

    /** A vector with its image key and, for a training image, the caption it lends. */
    public record Point(String key, float[] vector, String caption) implements Serializable {
    }

    /** The nearest training point of a block to a test point, keyed by the test image. */
    public static final class InBlock implements PairFunction<Tuple2<Point, List<Point>>, String, Nearest> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<String, Nearest> call(Tuple2<Point, List<Point>> pair) {
            float[] q = pair._1().vector();
            Nearest best = new Nearest();
            for (Point p : pair._2()) {
                float[] v = p.vector();
                double d = 0;
                for (int i = 0; i < q.length && d <= best.distance; i++) {
                    double diff = q[i] - v[i];
                    d += diff * diff;
                }
                best.offer(d, p.key(), p.caption());
            }
            return new Tuple2<>(pair._1().key(), best);
        }
    }
}
