package io.sparkrnn.forecast;

import io.sparkrnn.core.train.EpochTrainer;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * Fits one forecasting network from scratch on a fold's training windows with the
 * {@link EpochTrainer}: a new network per fold, so no fold's fit sees another fold's test
 * period. The encoder-decoder learns from the same minibatches as the direct network, turned
 * into its two inputs.
 */
public final class ForecastTrainer {
    private final ForecastConfig config;
    private final EpochTrainer trainer;

    public ForecastTrainer(JavaSparkContext sc, ForecastConfig config, int workers) {
        this.config = config;
        this.trainer = new EpochTrainer(sc, config.training(), workers);
    }

    /** A fitted network and its training history. */
    public record Fit(ForecastNetwork net, List<Double> epochLosses, double seconds, boolean stoppedByLimit) {
    }

    /**
     * @param batches   the fold's minibatches (each of at most batch-size-per-worker windows)
     * @param exportDir where the minibatches are exported for the epochs to reread (the caller deletes it)
     * @param label     names the fit in logs and in the divergence message
     * @param strategy  the network to fit
     */
    public Fit fit(JavaRDD<DataSet> batches, String exportDir, String label, ForecastConfig.Strategy strategy) {
        EpochTrainer.EpochListener quiet = (epoch, loss, network) -> {
        };
        if (strategy == ForecastConfig.Strategy.SEQ2SEQ) {
            var graph = ForecastModelFactory.seq2seq(config);
            var fit = trainer.fitGraph(graph, batches.map(new ToSeq2SeqBatch()), exportDir, label, quiet);
            return new Fit(ForecastNetwork.of(graph, config.model().horizon()), fit.epochLosses(), fit.seconds(),
                    fit.stoppedByLimit());
        }
        var net = ForecastModelFactory.direct(config);
        var fit = trainer.fit(net, batches, exportDir, label, quiet);
        return new Fit(ForecastNetwork.of(net), fit.epochLosses(), fit.seconds(), fit.stoppedByLimit());
    }
}
