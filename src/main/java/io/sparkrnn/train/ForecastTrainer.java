package io.sparkrnn.train;

import io.sparkrnn.config.ForecastConfig;
import io.sparkrnn.model.ForecastModelFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.core.loader.impl.SerializedDataSetLoader;
import org.deeplearning4j.spark.data.BatchAndExportDataSetsFunction;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits one forecasting network from scratch on a fold's training windows with DL4J's
 * parameter averaging: the minibatches are exported once to the run's work folder (on the
 * output's file system) and every epoch reads them back through {@code fitPaths}, in a new
 * seeded order, split over the workers. Exporting here rather than through DL4J's "export"
 * approach keeps it working on clusters whose default file system is local (a standalone or
 * Kubernetes cluster writing to S3), which DL4J refuses. The divergence guard and the time
 * limit act between epochs.
 */
public final class ForecastTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastTrainer.class);

    private final JavaSparkContext sc;
    private final ForecastConfig config;
    private final int workers;

    public ForecastTrainer(JavaSparkContext sc, ForecastConfig config, int workers) {
        this.sc = sc;
        this.config = config;
        this.workers = workers;
    }

    /** A fitted network and how its training went. */
    public record Fit(MultiLayerNetwork net, List<Double> epochLosses, double seconds, boolean stoppedByLimit) {
        public double lastLoss() {
            return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
        }
    }

    /**
     * @param batches   the fold's minibatches (each of at most batch-size-per-worker windows)
     * @param exportDir where the minibatches are exported for the epochs to reread (the caller deletes it)
     * @param label     names the fit in logs and in the divergence message
     */
    public Fit fit(JavaRDD<DataSet> batches, String exportDir, String label) {
        var t = config.training();
        MultiLayerNetwork net = ForecastModelFactory.create(config);
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers,
                t.batchSizePerWorker())
                .batchSizePerWorker(t.batchSizePerWorker())
                .averagingFrequency(t.averagingFrequency())
                .workerPrefetchNumBatches(t.prefetchBatches())
                .saveUpdater(true)
                .rngSeed(t.seed())
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master);
        List<String> files = new ArrayList<>(batches.mapPartitionsWithIndex(
                new BatchAndExportDataSetsFunction(t.batchSizePerWorker(), exportDir), true).collect());
        java.util.Collections.sort(files);
        List<Double> losses = new ArrayList<>();
        double limit = t.timeLimitMinutes() * 60;
        long start = System.nanoTime();
        boolean stopped = false;
        for (int epoch = 1; epoch <= t.epochs(); epoch++) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (limit > 0 && elapsed >= limit) {
                stopped = true;
                LOG.warn("{}: training.time-limit-minutes reached after {} epoch(s)", label, epoch - 1);
                break;
            }
            sparkNet.getNetwork().getLayerWiseConfigurations().setEpochCount(epoch - 1);
            List<String> order = new ArrayList<>(files);
            java.util.Collections.shuffle(order, new java.util.Random(t.seed() * 1_000_003L + epoch));
            sparkNet.fitPaths(sc.parallelize(order, Math.max(1, Math.min(workers, order.size()))),
                    new SerializedDataSetLoader());
            sparkNet.getNetwork().getLayerWiseConfigurations().setEpochCount(epoch);
            double loss = sparkNet.getScore();
            DistributedTrainer.checkFinite(sparkNet.getNetwork(), loss, label + ", epoch " + epoch, "");
            losses.add(loss);
            if (epoch == 1 || epoch == t.epochs() || epoch % 10 == 0) {
                LOG.info("{}: epoch {}/{} loss {}", label, epoch, t.epochs(), String.format(Locale.ROOT, "%.5f", loss));
            }
        }
        return new Fit(sparkNet.getNetwork(), losses, (System.nanoTime() - start) / 1e9, stopped);
    }
}
