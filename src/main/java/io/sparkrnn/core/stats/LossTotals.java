package io.sparkrnn.core.stats;

import java.io.Serializable;

/**
 * Sums over scored targets of a model: negative log-likelihood in nats, target count and
 * top-1 hits. Sums (not means) so that partial results from Spark partitions add up exactly.
 * A plain class so that Spark's Kryo serializer can move it.
 */
public final class LossTotals implements Serializable {
    private static final long serialVersionUID = 1L;

    public double nats;
    public long tokens;
    public long correct;

    public LossTotals add(LossTotals o) {
        LossTotals s = new LossTotals();
        s.nats = nats + o.nats;
        s.tokens = tokens + o.tokens;
        s.correct = correct + o.correct;
        return s;
    }

    /** Mean cross-entropy in nats per token. */
    public double meanNats() {
        return tokens == 0 ? Double.NaN : nats / tokens;
    }

    public double accuracy() {
        return tokens == 0 ? Double.NaN : (double) correct / tokens;
    }
}
