package io.sparkrnn.caption;

import io.sparkrnn.core.decode.BeamSearch;
import io.sparkrnn.core.decode.GraphStepModel;
import io.sparkrnn.core.decode.Hypothesis;
import io.sparkrnn.core.train.ModelBytes;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Captions for a partition's images, on the executor: the encoder's features of 32 images at a
 * time, then for each image a greedy caption and a beam-search caption from the decoder alone
 * ({@link CaptionNetwork#decoder}), with their log-probabilities. The features come back too,
 * for the nearest-neighbour baseline in feature space; {@code captions} says which captions are
 * made (none for the training images, beam only for the caption tool).
 */
public record DescribeImages(Broadcast<byte[]> model, CaptionConfig.Model shape, CaptionVocabulary vocabulary,
                             CaptionConfig.Decode decode, int channels, int height, int width,
                             Captions captions)
        implements FlatMapFunction<Iterator<CaptionedImage>, DescribeImages.Described> {
    private static final int BATCH = 32;

    /** Which captions to make: none (features only), beam search only, or greedy and beam. */
    public enum Captions { NONE, BEAM, GREEDY_AND_BEAM }

    /** An image's generated captions (greedy and beam), their log-probabilities, and its features. */
    public record Described(String key, List<String> references, String greedy, double greedyLogProb, String beam,
                            double beamLogProb, boolean beamEnded, float[] features) implements Serializable {
        public Described {
            references = List.copyOf(references);
        }
    }

    @Override
    public Iterator<Described> call(Iterator<CaptionedImage> images) {
        ComputationGraph graph = ModelBytes.graphFromBytes(model.getValue());
        GraphStepModel steps = new GraphStepModel(CaptionNetwork.decoder(graph, shape, height, width,
                channels, vocabulary.size()), CaptionVocabulary.START_ID, CaptionVocabulary.UNKNOWN_ID);
        BeamSearch greedy = BeamSearch.greedy(decode.maxLength(), CaptionVocabulary.START_ID, CaptionVocabulary.END_ID);
        BeamSearch beam = new BeamSearch(decode.beamWidth(), decode.maxLength(), decode.lengthPenalty(),
                CaptionVocabulary.START_ID, CaptionVocabulary.END_ID);
        List<Described> out = new ArrayList<>();
        List<CaptionedImage> batch = new ArrayList<>(BATCH);
        while (images.hasNext()) {
            batch.add(images.next());
            if (batch.size() == BATCH || !images.hasNext()) {
                INDArray[] encoded = CaptionNetwork.encode(graph, shape, pixels(batch));
                for (int i = 0; i < batch.size(); i++) {
                    INDArray f = encoded[0].get(NDArrayIndex.interval(i, i + 1)).dup().ravel();
                    CaptionedImage image = batch.get(i);
                    if (captions == Captions.NONE) {
                        out.add(new Described(image.key(), image.captions(), "", 0, "", 0, false, f.toFloatVector()));
                        continue;
                    }
                    steps.input(row(encoded, i));
                    Hypothesis g = captions == Captions.GREEDY_AND_BEAM ? greedy.decode(steps)
                            : new Hypothesis(new int[0], 0, 0, false);
                    Hypothesis b = beam.decode(steps);
                    out.add(new Described(image.key(), image.captions(), vocabulary.decode(g.tokens()), g.logProb(),
                            vocabulary.decode(b.tokens()), b.logProb(), b.ended(), f.toFloatVector()));
                }
                batch.clear();
            }
        }
        return out.iterator();
    }

    /** Image {@code i}'s rows of each encoding, each {@code [1, ...]}. */
    private static INDArray[] row(INDArray[] encoded, int i) {
        INDArray[] rows = new INDArray[encoded.length];
        for (int k = 0; k < encoded.length; k++) {
            rows[k] = encoded[k].get(NDArrayIndex.interval(i, i + 1)).dup();
        }
        return rows;
    }

    private INDArray pixels(List<CaptionedImage> batch) {
        int size = channels * height * width;
        float[] all = new float[batch.size() * size];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).pixels(), 0, all, i * size, size);
        }
        return Nd4j.create(all, new long[] {batch.size(), channels, height, width}, 'c');
    }
}
