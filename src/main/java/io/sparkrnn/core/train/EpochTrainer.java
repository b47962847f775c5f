package io.sparkrnn.core.train;

import io.sparkrnn.core.config.Training;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.impl.SerializedDataSetLoader;
import org.deeplearning4j.core.loader.impl.SerializedMultiDataSetLoader;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.data.BatchAndExportDataSetsFunction;
import org.deeplearning4j.spark.data.BatchAndExportMultiDataSetsFunction;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Fits a network on a set of minibatches, epoch by epoch, with DL4J's parameter averaging: the
 * minibatches are exported once to a work folder (on the output's file system) and every epoch
 * reads them back through {@code fitPaths}, in a new seeded order, split over the workers.
 * Exporting here rather than through DL4J's "export" approach keeps it working on clusters
 * whose default file system is local (a standalone or Kubernetes cluster writing to S3), which
 * DL4J refuses. The divergence guard, the time limit and the caller's listener act between
 * epochs. Used by the forecasting and the classification jobs; the language model, which
 * checkpoints within epochs, has its own {@link DistributedTrainer}.
 */
public final class EpochTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(EpochTrainer.class);

    private final JavaSparkContext sc;
    private final Training training;
    private final int workers;

    public EpochTrainer(JavaSparkContext sc, Training training, int workers) {
        this.sc = sc;
        this.training = training;
        this.workers = workers;
    }

    /** Told after each epoch; may score the network (it must not change it). */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, double loss, Model network);
    }

    /** A fitted network and how its training went. */
    public record Fit(Model net, List<Double> epochLosses, double seconds, boolean stoppedByLimit) {
        public double lastLoss() {
            return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
        }
    }

    /**
     * @param net       the initialised network to train
     * @param batches   the minibatches (each of at most batch-size-per-worker examples)
     * @param exportDir where the minibatches are exported for the epochs to reread (the caller deletes it)
     * @param label     names the fit in logs and in the divergence message
     */
    public Fit fit(MultiLayerNetwork net, JavaRDD<DataSet> batches, String exportDir, String label,
                   EpochListener listener) {
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master());
        List<String> files = new ArrayList<>(batches.mapPartitionsWithIndex(
                new BatchAndExportDataSetsFunction(training.batchSizePerWorker(), exportDir), true).collect());
        return loop(files, label, listener, new Replica() {
            @Override
            public void fitPaths(JavaRDD<String> paths) {
                sparkNet.fitPaths(paths, new SerializedDataSetLoader());
            }

            @Override
            public double score() {
                return sparkNet.getScore();
            }

            @Override
            public Model network() {
                return sparkNet.getNetwork();
            }

            @Override
            public void epochCount(int epochs) {
                sparkNet.getNetwork().getLayerWiseConfigurations().setEpochCount(epochs);
            }
        });
    }

    /** As {@link #fit(MultiLayerNetwork, JavaRDD, String, String, EpochListener)}, for a graph of several inputs. */
    public Fit fitGraph(ComputationGraph graph, JavaRDD<MultiDataSet> batches, String exportDir, String label,
                        EpochListener listener) {
        SparkComputationGraph sparkNet = new SparkComputationGraph(sc, graph, master());
        List<String> files = new ArrayList<>(batches.mapPartitionsWithIndex(
                new BatchAndExportMultiDataSetsFunction(training.batchSizePerWorker(), exportDir), true).collect());
        return loop(files, label, listener, new Replica() {
            @Override
            public void fitPaths(JavaRDD<String> paths) {
                sparkNet.fitPaths(paths, new SerializedMultiDataSetLoader());
            }

            @Override
            public double score() {
                return sparkNet.getScore();
            }

            @Override
            public Model network() {
                return sparkNet.getNetwork();
            }

            @Override
            public void epochCount(int epochs) {
                sparkNet.getNetwork().getConfiguration().setEpochCount(epochs);
            }
        });
    }

    /** What the epoch loop needs of DL4J's two Spark wrappers. */
    private interface Replica {
        void fitPaths(JavaRDD<String> paths);

        double score();

        Model network();

        void epochCount(int epochs);
    }

    private ParameterAveragingTrainingMaster master() {
        return new ParameterAveragingTrainingMaster.Builder(workers, training.batchSizePerWorker())
                .batchSizePerWorker(training.batchSizePerWorker())
                .averagingFrequency(training.averagingFrequency())
                .workerPrefetchNumBatches(training.prefetchBatches())
                .saveUpdater(true)
                .rngSeed(training.seed())
                .build();
    }

    private Fit loop(List<String> exported, String label, EpochListener listener, Replica replica) {
        List<String> files = new ArrayList<>(exported);
        Collections.sort(files);
        List<Double> losses = new ArrayList<>();
        double limit = training.timeLimitMinutes() * 60;
        long start = System.nanoTime();
        boolean stopped = false;
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (limit > 0 && elapsed >= limit) {
                stopped = true;
                LOG.warn("{}: training.time-limit-minutes reached after {} epoch(s)", label, epoch - 1);
                break;
            }
            replica.epochCount(epoch - 1);
            List<String> order = new ArrayList<>(files);
            Collections.shuffle(order, new Random(training.seed() * 1_000_003L + epoch));
            replica.fitPaths(sc.parallelize(order, Math.max(1, Math.min(workers, order.size()))));
            replica.epochCount(epoch);
            double loss = replica.score();
            DivergenceGuard.check(replica.network(), loss, label + ", epoch " + epoch, "");
            losses.add(loss);
            if (epoch == 1 || epoch == training.epochs() || epoch % 10 == 0) {
                LOG.info("{}: epoch {}/{} loss {}", label, epoch, training.epochs(),
                        String.format(Locale.ROOT, "%.5f", loss));
            }
            listener.epochDone(epoch, loss, replica.network());
        }
        return new Fit(replica.network(), losses, (System.nanoTime() - start) / 1e9, stopped);
    }
}
