package io.sparkrnn.seq2seq;

import io.sparkrnn.core.stats.SeededHash;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Training examples of the encoder-decoder, one per pair, in a seeded order, cut into
 * minibatches the way teacher forcing needs them: the decoder reads the true previous target
 * token at every step ({@code <start>} first), not its own guess, and learns to predict the next
 * one ({@code <end>} last). Sources and targets of different lengths are padded after their end
 * and masked, so that the encoder's context is its output at each source's own last token and
 * the loss counts only real target steps. A bidirectional encoder gets the source reversed as a
 * second input, padded the same way.
 */
public final class TeacherForcing {
    private TeacherForcing() {
    }

    /** One pair as token ids. */
    public record Example(int[] source, int[] target) implements Serializable {
    }

    /** A pair's example under its seeded sort key. */
    public record Encode(Symbols sources, Symbols targets, long seed)
            implements PairFunction<Pair, Long, Example> {
        @Override
        public Tuple2<Long, Example> call(Pair p) {
            return new Tuple2<>(SeededHash.of(seed, p.key() + "\n" + p.order()),
                    new Example(sources.encode(p.source()), targets.encode(p.target())));
        }
    }

    /** Minibatches of a partition's examples: every one of {@code size} examples but the last. */
    public record ToBatches(int size, boolean bidirectional) implements FlatMapFunction<Iterator<Example>, MultiDataSet> {
        @Override
        public Iterator<MultiDataSet> call(Iterator<Example> examples) {
            List<MultiDataSet> batches = new ArrayList<>();
            List<Example> batch = new ArrayList<>(size);
            while (examples.hasNext()) {
                batch.add(examples.next());
                if (batch.size() == size || !examples.hasNext()) {
                    batches.add(batch(batch, bidirectional));
                    batch.clear();
                }
            }
            return batches.iterator();
        }
    }

    /**
     * The source input(s) of a batch of sources and their mask: ids {@code [n, 1, steps]}, the
     * reversed ids second when {@code bidirectional}, then the mask {@code [n, steps]} last.
     */
    public static INDArray[] sources(List<int[]> sources, boolean bidirectional) {
        int n = sources.size();
        int steps = sources.stream().mapToInt(s -> s.length).max().orElse(1);
        float[] forward = new float[n * steps];
        float[] backward = new float[n * steps];
        float[] mask = new float[n * steps];
        for (int i = 0; i < n; i++) {
            int[] s = sources.get(i);
            int at = i * steps;
            for (int t = 0; t < s.length; t++) {
                forward[at + t] = s[t];
                backward[at + t] = s[s.length - 1 - t];
                mask[at + t] = 1;
            }
        }
        INDArray ids = Nd4j.create(forward, new long[]{n, 1, steps}, 'c');
        INDArray m = Nd4j.create(mask, new long[]{n, steps}, 'c');
        return bidirectional ? new INDArray[]{ids, Nd4j.create(backward, new long[]{n, 1, steps}, 'c'), m}
                : new INDArray[]{ids, m};
    }

    /** One minibatch: the source input(s), the tokens the decoder reads, the tokens it predicts, their masks. */
    public static MultiDataSet batch(List<Example> examples, boolean bidirectional) {
        int n = examples.size();
        INDArray[] source = sources(examples.stream().map(Example::source).toList(), bidirectional);
        int steps = 1 + examples.stream().mapToInt(e -> e.target().length).max().orElse(0);
        float[] read = new float[n * steps];
        float[] next = new float[n * steps];
        float[] mask = new float[n * steps];
        for (int i = 0; i < n; i++) {
            int[] target = examples.get(i).target();
            int at = i * steps;
            read[at] = Symbols.START_ID;
            for (int t = 0; t < target.length; t++) {
                read[at + t + 1] = target[t];
                next[at + t] = target[t];
            }
            next[at + target.length] = Symbols.END_ID;
            for (int t = 0; t <= target.length; t++) {
                mask[at + t] = 1;
            }
        }
        INDArray sourceMask = source[source.length - 1];
        INDArray decoderMask = Nd4j.create(mask, new long[]{n, steps}, 'c');
        INDArray decoderIn = Nd4j.create(read, new long[]{n, 1, steps}, 'c');
        INDArray[] features = bidirectional ? new INDArray[]{source[0], source[1], decoderIn}
                : new INDArray[]{source[0], decoderIn};
        INDArray[] featureMasks = bidirectional ? new INDArray[]{sourceMask, sourceMask, decoderMask}
                : new INDArray[]{sourceMask, decoderMask};
        INDArray[] labels = {Nd4j.create(next, new long[]{n, 1, steps}, 'c')};
        return new org.nd4j.linalg.dataset.MultiDataSet(features, labels, featureMasks, new INDArray[]{decoderMask});
    }
}
