package io.sparkrnn.lm;

import io.sparkrnn.core.stats.LossTotals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores a language model on a token stream in one process, cut into windows exactly as the
 * job cuts its validation part ({@link WindowPlan} with a context), so a saved model can be
 * measured on any text, or with another amount of context than its run used.
 */
public final class TextScore {
    private TextScore() {
    }

    /**
     * @param ids        the text's token ids
     * @param length     tokens each window scores (the job's data.sequence-length)
     * @param context    tokens each window reads before those it scores (data.validation-context)
     * @param oneHot     whether the network takes one-hot vectors (else token ids, for an embedding)
     * @param vocabulary the model's vocabulary size
     */
    public static LossTotals score(MultiLayerNetwork net, int[] ids, int length, int context, boolean oneHot,
                                   int vocabulary, int batchSize) {
        WindowPlan plan = new WindowPlan(ids.length, length, context);
        int steps = plan.length();
        LossTotals total = new LossTotals();
        for (long first = 0; first < plan.windows(); first += batchSize) {
            int n = (int) Math.min(batchSize, plan.windows() - first);
            float[] x = new float[n * steps];
            for (int b = 0; b < n; b++) {
                long start = plan.start(first + b);
                for (int t = 0; t < steps; t++) {
                    x[b * steps + t] = ids[(int) (start + t)];
                }
            }
            INDArray features = Nd4j.create(x, new long[]{n, 1, steps}, 'c');
            INDArray out = net.output(oneHot ? TokenBatchLoader.oneHot(features, vocabulary) : features, false);
            float[] p = out.dup('c').data().asFloat();
            int v = (int) out.size(1);
            for (int b = 0; b < n; b++) {
                long start = plan.start(first + b);
                for (int t = plan.scoredFrom(first + b); t < steps; t++) {
                    int target = ids[(int) (start + t + 1)];
                    float q = p[(b * v + target) * steps + t];
                    total.nats -= Math.log(Math.max(q, 1e-30));
                    total.tokens++;
                    int best = 0;
                    for (int k = 1; k < v; k++) {
                        if (p[(b * v + k) * steps + t] > p[(b * v + best) * steps + t]) {
                            best = k;
                        }
                    }
                    if (best == target) {
                        total.correct++;
                    }
                }
            }
        }
        return total;
    }
}
