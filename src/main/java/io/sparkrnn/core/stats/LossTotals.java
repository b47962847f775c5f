package io.sparkrnn.core.stats;

import java.io.Serializable;

/**
 * Sums over scored targets of a model: negative log-likelihood in nats, target count and
 * top-1 hits. Sums (not means) so that partial results from Spark partitions add up exactly.
 * A plain class so that Spark's Kryo serializer can move it.
 */
public final class LossTotals implements Mergeable<LossTotals>, Serializable {
    private static final long serialVersionUID = 1L;

    public double nats;
    public long tokens;
    public long correct;

    /** One scored target (or sequence). */
    public static LossTotals of(double nats, boolean correct) {
        LossTotals t = new LossTotals();
        t.nats = nats;
        t.tokens = 1;
        t.correct = correct ? 1 : 0;
        return t;
    }

    @Override
    public LossTotals merge(LossTotals o) {
        nats += o.nats;
        tokens += o.tokens;
        correct += o.correct;
        return this;
    }

    /** Mean cross-entropy in nats per token. */
    public double meanNats() {
        return tokens == 0 ? Double.NaN : nats / tokens;
    }

    public double accuracy() {
        return tokens == 0 ? Double.NaN : (double) correct / tokens;
    }
}
