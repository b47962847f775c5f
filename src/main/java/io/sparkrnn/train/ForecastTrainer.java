package io.sparkrnn.train;

import io.sparkrnn.config.ForecastConfig;
import io.sparkrnn.model.ForecastModelFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits one forecasting network from scratch on a fold's training windows with the
 * {@link EpochTrainer}: a new network per fold, so no fold's fit sees another fold's test
 * period.
 */
public final class ForecastTrainer {
    private final ForecastConfig config;
    private final EpochTrainer trainer;

    public ForecastTrainer(JavaSparkContext sc, ForecastConfig config, int workers) {
        this.config = config;
        this.trainer = new EpochTrainer(sc, config.training(), workers);
    }

    /**
     * @param batches   the fold's minibatches (each of at most batch-size-per-worker windows)
     * @param exportDir where the minibatches are exported for the epochs to reread (the caller deletes it)
     * @param label     names the fit in logs and in the divergence message
     */
    public EpochTrainer.Fit fit(JavaRDD<DataSet> batches, String exportDir, String label) {
        return trainer.fit(ForecastModelFactory.create(config), batches, exportDir, label, (e, l, n) -> {
        });
    }
}
