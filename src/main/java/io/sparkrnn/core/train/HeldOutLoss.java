package io.sparkrnn.core.train;

import io.sparkrnn.core.stats.LossTotals;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.Iterator;
import java.util.List;

/**
 * The loss totals (nats and predicted tokens) of held-out minibatches under a broadcast graph,
 * on the executors: the learning curve's held-out point of every task whose graph predicts
 * tokens under a label mask. DL4J's score is a mean per example, so each batch's is multiplied
 * back by its examples and the sum divided by the unmasked tokens: nats per token.
 */
public record HeldOutLoss(Broadcast<byte[]> model) implements FlatMapFunction<Iterator<MultiDataSet>, LossTotals> {
    @Override
    public Iterator<LossTotals> call(Iterator<MultiDataSet> batches) {
        ComputationGraph graph = ModelBytes.graphFromBytes(model.getValue());
        LossTotals totals = new LossTotals();
        while (batches.hasNext()) {
            MultiDataSet b = batches.next();
            long n = b.getFeatures(0).size(0);
            totals.nats += graph.score(b, false) * n;
            totals.tokens += b.getLabelsMaskArray(0).sumNumber().longValue();
        }
        return List.of(totals).iterator();
    }
}
