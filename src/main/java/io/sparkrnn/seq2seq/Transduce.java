package io.sparkrnn.seq2seq;

import io.sparkrnn.core.decode.BeamSearch;
import io.sparkrnn.core.decode.GraphStepModel;
import io.sparkrnn.core.decode.Hypothesis;
import io.sparkrnn.core.train.ModelBytes;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Outputs for a partition's words, on the executor: the encoder's contexts (and memories) of
 * 64 sources at a time (one batched pass of the whole encoder), then for each word a greedy
 * and a beam-search output from the decoder alone ({@link Seq2SeqNetwork#decoder}), each hypothesis step of the
 * beam one batched {@code rnnTimeStep}, with their log-probabilities. {@code greedy} false
 * (the transduce tool) makes the beam output only.
 */
public record Transduce(Broadcast<byte[]> model, Seq2SeqConfig.Model shape, Symbols sources, Symbols targets,
                        Seq2SeqConfig.Decode decode, boolean greedy)
        implements FlatMapFunction<Iterator<Word>, Transduce.Output> {
    private static final int BATCH = 64;

    /** A word's outputs: greedy and beam tokens with their log-probabilities, and whether the beam's ended. */
    public record Output(Word word, List<String> greedy, double greedyLogProb, List<String> beam, double beamLogProb,
                         boolean beamEnded) implements Serializable {
        public Output {
            greedy = List.copyOf(greedy);
            beam = List.copyOf(beam);
        }
    }

    @Override
    public Iterator<Output> call(Iterator<Word> words) {
        ComputationGraph graph = ModelBytes.graphFromBytes(model.getValue());
        GraphStepModel steps = new GraphStepModel(Seq2SeqNetwork.decoder(graph, shape, targets.size()),
                Symbols.START_ID, Symbols.UNKNOWN_ID);
        BeamSearch first = BeamSearch.greedy(decode.maxLength(), Symbols.START_ID, Symbols.END_ID);
        BeamSearch beam = new BeamSearch(decode.beamWidth(), decode.maxLength(), decode.lengthPenalty(),
                Symbols.START_ID, Symbols.END_ID);
        List<Output> out = new ArrayList<>();
        List<Word> batch = new ArrayList<>(BATCH);
        while (words.hasNext()) {
            batch.add(words.next());
            if (batch.size() == BATCH || !words.hasNext()) {
                INDArray[] in = TeacherForcing.sources(batch.stream().map(w -> sources.encode(w.source())).toList(),
                        shape.bidirectional());
                INDArray[] encoded = Seq2SeqNetwork.encode(graph, shape, in);
                for (int i = 0; i < batch.size(); i++) {
                    steps.input(Seq2SeqNetwork.encodedOne(encoded, in[in.length - 1], i));
                    Hypothesis g = greedy ? first.decode(steps) : new Hypothesis(new int[0], 0, 0, false);
                    Hypothesis b = beam.decode(steps);
                    out.add(new Output(batch.get(i), targets.decode(g.tokens()), g.logProb(),
                            targets.decode(b.tokens()), b.logProb(), b.ended()));
                }
                batch.clear();
            }
        }
        return out.iterator();
    }
}
