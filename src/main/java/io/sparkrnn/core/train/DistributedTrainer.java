package io.sparkrnn.core.train;

import io.sparkrnn.core.config.Training;

import org.deeplearning4j.core.loader.DataSetLoader;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains a network on exported batch files with DL4J's parameter averaging. The driver hands
 * out one averaging round at a time (each worker fits {@code averagingFrequency} minibatches,
 * then parameters and updater state are averaged), which lets it report progress, honour a
 * time limit and keep the epoch-based learning-rate schedule right between rounds.
 */
public final class DistributedTrainer {
    private final JavaSparkContext sc;
    private final Training config;
    private final int workers;
    private final SparkDl4jMultiLayer sparkNet;
    private final DataSetLoader loader;
    private final int timeSteps;
    /** The weight average of training.average-rounds, or null without one. */
    private WeightAverage average;
    private double trainingSeconds;

    /**
     * @param timeSteps time steps per score: the sequence length, or the truncated-BPTT length
     */
    public DistributedTrainer(JavaSparkContext sc, Training config, int workers, MultiLayerNetwork net,
                              DataSetLoader loader, int timeSteps, boolean collectStats) {
        this.sc = sc;
        this.config = config;
        this.workers = workers;
        this.loader = loader;
        this.timeSteps = timeSteps;
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers,
                config.batchSizePerWorker())
                .batchSizePerWorker(config.batchSizePerWorker())
                .averagingFrequency(config.averagingFrequency())
                .workerPrefetchNumBatches(config.prefetchBatches())
                .saveUpdater(true)
                .repartionData(Repartition.Never)
                .rngSeed(config.seed())
                .collectTrainingStats(collectStats)
                .build();
        this.sparkNet = new SparkDl4jMultiLayer(sc, net, master);
        this.average = config.averageRounds() > 0 ? new WeightAverage(config.averageRounds()) : null;
    }

    /** The network being trained: the parameters of the last round. */
    public MultiLayerNetwork network() {
        return sparkNet.getNetwork();
    }

    /**
     * The run's model: a copy holding the weight average when training.average-rounds is set,
     * else the network being trained itself.
     */
    public MultiLayerNetwork model() {
        return average == null ? network() : average.applyTo(network());
    }

    /** The weight average, or null when the run keeps none. */
    public WeightAverage average() {
        return average;
    }

    /** Continues the weight average of a resumed run. */
    public void resumeAverage(WeightAverage saved) {
        this.average = saved;
    }

    /** Seconds spent in training rounds so far (including those of the run a resume continues). */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** Continues the time count of a resumed run. */
    public void resumeAt(double trainingSecondsSoFar) {
        this.trainingSeconds = trainingSecondsSoFar;
    }

    /** DL4J's timing statistics of all rounds, or null when not collected. */
    public SparkTrainingStats trainingStats() {
        return sparkNet.getSparkTrainingStats();
    }

    /**
     * Trains epoch {@code epoch} (1-based) over {@code files} from round {@code firstRound}
     * (0-based; above 0 when a resumed run continues inside the epoch), stopping early once the
     * training time reaches {@code limitSeconds} (0 = no limit).
     *
     * @return the rounds trained; fewer than the rest of the epoch if the time limit was reached
     * @throws TrainingDiverged if a round ends with a loss or parameters that are not finite
     */
    public List<RoundStats> epoch(BatchFiles files, int epoch, int firstRound, double limitSeconds,
                                  TrainingProgress progress) {
        RoundSchedule schedule = new RoundSchedule(files.files(), workers, config.averagingFrequency(),
                config.seed(), epoch);
        List<RoundStats> rounds = new ArrayList<>();
        MultiLayerNetwork net = sparkNet.getNetwork();
        for (int r = firstRound; r < schedule.rounds(); r++) {
            if (limitSeconds > 0 && trainingSeconds >= limitSeconds) {
                break;
            }
            List<String> paths = new ArrayList<>();
            long tokens = 0;
            for (long i : schedule.round(r)) {
                paths.add(files.path(i));
                tokens += (long) files.examples(i) * files.sequenceLength();
            }
            long start = System.nanoTime();
            net.getLayerWiseConfigurations().setEpochCount(epoch - 1);
            sparkNet.fitPaths(sc.parallelize(paths, Math.min(workers, paths.size())), loader);
            net.getLayerWiseConfigurations().setEpochCount(epoch - 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            trainingSeconds += seconds;
            RoundStats stats = new RoundStats(epoch, r + 1, schedule.rounds(), tokens, seconds,
                    sparkNet.getScore() / timeSteps, trainingSeconds);
            DivergenceGuard.check(sparkNet.getNetwork(), stats);
            if (average != null) {
                average.update(sparkNet.getNetwork().params());
            }
            rounds.add(stats);
            progress.roundDone(stats);
        }
        net.getLayerWiseConfigurations().setEpochCount(epoch);
        return rounds;
    }
}
