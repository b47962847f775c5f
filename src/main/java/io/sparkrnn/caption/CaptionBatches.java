package io.sparkrnn.caption;

import io.sparkrnn.core.stats.SeededHash;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Training examples of the captioner: one per (image, caption), in a seeded order, cut into
 * minibatches of the graph's two inputs (the images; the words read so far, {@code <start>}
 * first) and its labels (the next words, {@code <end>} last, as ids), masked after each
 * caption's end. Captions longer than {@code data.max-caption-length} words are cut there.
 */
public final class CaptionBatches {
    private CaptionBatches() {
    }

    /** An image's pixels (or a frozen encoder's output for it) with one caption's word ids. */
    public record Pair(float[] pixels, int[] words) implements java.io.Serializable {
    }

    /** The (image, caption) pairs of an image, each under its seeded sort key. */
    public record Pairs(CaptionVocabulary vocabulary, int maxLength, long seed)
            implements PairFlatMapFunction<CaptionedImage, Long, Pair> {
        @Override
        public Iterator<Tuple2<Long, Pair>> call(CaptionedImage image) {
            List<Tuple2<Long, Pair>> out = new ArrayList<>();
            for (int i = 0; i < image.captions().size(); i++) {
                String id = image.key() + "\n" + i;
                int[] words = vocabulary.encode(image.captions().get(i), maxLength);
                out.add(new Tuple2<>(SeededHash.of(seed, id), new Pair(image.pixels(), words)));
            }
            return out.iterator();
        }
    }

    /** Minibatches of a partition's pairs: every one of {@code size} pairs but the last. */
    public record ToBatches(int size, int channels, int height, int width)
            implements FlatMapFunction<Iterator<Pair>, MultiDataSet> {
        @Override
        public Iterator<MultiDataSet> call(Iterator<Pair> pairs) {
            List<MultiDataSet> batches = new ArrayList<>();
            List<Pair> batch = new ArrayList<>(size);
            while (pairs.hasNext()) {
                batch.add(pairs.next());
                if (batch.size() == size || !pairs.hasNext()) {
                    batches.add(batch(batch, channels, height, width));
                    batch.clear();
                }
            }
            return batches.iterator();
        }
    }

    /** One minibatch: images, words read, next words and the label mask. */
    public static MultiDataSet batch(List<Pair> pairs, int channels, int height, int width) {
        int n = pairs.size();
        int steps = 1 + pairs.stream().mapToInt(p -> p.words().length).max().orElse(0);
        int pixels = channels * height * width;
        float[] images = new float[n * pixels];
        float[] read = new float[n * steps];
        float[] next = new float[n * steps];
        float[] mask = new float[n * steps];
        for (int i = 0; i < n; i++) {
            Pair p = pairs.get(i);
            System.arraycopy(p.pixels(), 0, images, i * pixels, pixels);
            int at = i * steps;
            read[at] = CaptionVocabulary.START_ID;
            for (int t = 0; t < p.words().length; t++) {
                read[at + t + 1] = p.words()[t];
                next[at + t] = p.words()[t];
            }
            next[at + p.words().length] = CaptionVocabulary.END_ID;
            for (int t = 0; t <= p.words().length; t++) {
                mask[at + t] = 1;
            }
        }
        INDArray[] features = {Nd4j.create(images, new long[] {n, channels, height, width}, 'c'),
                Nd4j.create(read, new long[] {n, 1, steps}, 'c')};
        INDArray[] labels = {Nd4j.create(next, new long[] {n, 1, steps}, 'c')};
        INDArray[] labelMasks = {Nd4j.create(mask, new long[] {n, steps}, 'c')};
        return new org.nd4j.linalg.dataset.MultiDataSet(features, labels, null, labelMasks);
    }
}
