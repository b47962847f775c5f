package io.sparkrnn.core.train;

import io.sparkrnn.core.config.Training;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

import java.util.ArrayList;
import java.util.List;

/**
 * One network trained on exported minibatch files with DL4J's parameter averaging. The driver
 * hands out one averaging round at a time (each worker fits {@code averagingFrequency}
 * minibatches, then parameters and updater state are averaged), which lets it report progress,
 * check for divergence, honour a time limit, keep the epoch-based learning-rate schedule right
 * between rounds and keep a weight average. The same for stacked layers and graphs.
 */
public final class Fit {
    private final JavaSparkContext sc;
    private final Training training;
    private final int workers;
    private final Replica replica;
    private final double lossScale;
    /** The weight average of training.average-rounds, or null without one. */
    private WeightAverage average;
    private double trainingSeconds;
    /** Names the fit in the divergence message when a job fits several; null for a job's only fit. */
    private String label;

    private Fit(JavaSparkContext sc, Training training, int workers, double lossScale,
                java.util.function.Function<ParameterAveragingTrainingMaster, Replica> replica, boolean stats) {
        this.sc = sc;
        this.training = training;
        this.workers = workers;
        this.lossScale = lossScale;
        this.replica = replica.apply(new ParameterAveragingTrainingMaster.Builder(workers,
                training.batchSizePerWorker())
                .batchSizePerWorker(training.batchSizePerWorker())
                .averagingFrequency(training.averagingFrequency())
                .workerPrefetchNumBatches(training.prefetchBatches())
                .saveUpdater(true)
                .repartionData(Repartition.Never)
                .rngSeed(training.seed())
                .collectTrainingStats(stats)
                .build());
        this.average = training.averageRounds() > 0 ? new WeightAverage(training.averageRounds()) : null;
    }

    /**
     * A fit of stacked layers.
     *
     * @param lossScale what DL4J's score is divided by for the reported loss (the language model's
     *                  time steps per sequence, for a loss per token; 1 for a loss per example)
     * @param stats     whether DL4J collects its timing statistics ({@link #trainingStats()})
     */
    public static Fit of(JavaSparkContext sc, Training training, int workers, MultiLayerNetwork net,
                         DataSetLoader loader, double lossScale, boolean stats) {
        return new Fit(sc, training, workers, lossScale, m -> Replica.of(sc, net, m, loader), stats);
    }

    /** A fit of a graph of several inputs (the encoder-decoder); see the other {@code of}. */
    public static Fit of(JavaSparkContext sc, Training training, int workers, ComputationGraph graph,
                         MultiDataSetLoader loader, double lossScale, boolean stats) {
        return new Fit(sc, training, workers, lossScale, m -> Replica.of(sc, graph, m, loader), stats);
    }

    /**
     * Names this fit (e.g. "fit at fold 3 (origin 2017-11-30)") for a job that fits several
     * networks and saves each finished one: a divergence is then reported by fit and epoch.
     */
    public Fit labelled(String name) {
        this.label = name;
        return this;
    }

    /** The network being trained: the parameters of the last round. */
    public Model network() {
        return replica.network().get();
    }

    /**
     * The fit's model: a copy holding the weight average when training.average-rounds is set,
     * else the network being trained itself.
     */
    public Model model() {
        return average == null ? network() : average.applyTo(network());
    }

    /** The weight average, or null when the fit keeps none. */
    public WeightAverage average() {
        return average;
    }

    /** Continues the weight average of a resumed run. */
    public void resumeAverage(WeightAverage saved) {
        this.average = saved;
    }

    public int workers() {
        return workers;
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
        return replica.trainingStats().get();
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
        RoundSchedule schedule = new RoundSchedule(files.files(), workers, training.averagingFrequency(),
                training.seed(), epoch);
        List<RoundStats> rounds = new ArrayList<>();
        for (int r = firstRound; r < schedule.rounds(); r++) {
            if (limitSeconds > 0 && trainingSeconds >= limitSeconds) {
                break;
            }
            List<String> paths = new ArrayList<>();
            long examples = 0;
            for (long i : schedule.round(r)) {
                paths.add(files.path(i));
                examples += files.examples(i);
            }
            long start = System.nanoTime();
            replica.epochCount().accept(epoch - 1);
            replica.fitPaths().accept(sc.parallelize(paths, Math.min(workers, paths.size())));
            replica.epochCount().accept(epoch - 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            trainingSeconds += seconds;
            RoundStats stats = new RoundStats(epoch, r + 1, schedule.rounds(), examples, seconds,
                    replica.score().getAsDouble() / lossScale, trainingSeconds);
            if (label == null) {
                DivergenceGuard.check(replica.network().get(), stats);
            } else {
                DivergenceGuard.check(replica.network().get(), stats.loss(), label + ", epoch " + epoch, "");
            }
            if (average != null) {
                average.update(replica.network().get().params());
            }
            rounds.add(stats);
            progress.roundDone(stats);
        }
        replica.epochCount().accept(epoch);
        return rounds;
    }
}
