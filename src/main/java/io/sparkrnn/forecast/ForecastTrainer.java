package io.sparkrnn.forecast;

import io.sparkrnn.core.config.Checkpoint;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.train.BatchFiles;
import io.sparkrnn.core.train.ConsoleProgress;
import io.sparkrnn.core.train.ExportBatches;
import io.sparkrnn.core.train.Fit;
import io.sparkrnn.core.train.RoundSchedule;
import io.sparkrnn.core.train.RoundStats;
import io.sparkrnn.core.train.TrainingLoop;
import io.sparkrnn.core.train.TrainingState;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.core.loader.impl.SerializedDataSetLoader;
import org.deeplearning4j.core.loader.impl.SerializedMultiDataSetLoader;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits one forecasting network from scratch on a fold's training windows through the shared
 * training loop: a new network per fold, so no fold's fit sees another fold's test period. The
 * encoder-decoder learns from the same minibatches as the direct network, turned into its two
 * inputs. A finished fit is the unit the job checkpoints, so no checkpoint is written within one.
 */
public final class ForecastTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastTrainer.class);
    private final JobContext<ForecastConfig> job;

    public ForecastTrainer(JobContext<ForecastConfig> job) {
        this.job = job;
    }

    /** A fitted network and its training history (the mean training loss of each epoch's rounds). */
    public record Result(ForecastNetwork net, List<Double> epochLosses, double seconds, boolean stoppedByLimit) {
    }

    /**
     * @param batches   the fold's minibatches (each of at most batch-size-per-worker windows)
     * @param exportDir where the minibatches are exported for the epochs to reread (the caller deletes it)
     * @param label     names the fit in logs and in the divergence message
     * @param strategy  the network to fit
     */
    public Result fit(JavaRDD<DataSet> batches, String exportDir, String label, ForecastConfig.Strategy strategy)
            throws IOException {
        ForecastConfig config = job.config();
        int size = config.training().batchSizePerWorker();
        if (strategy == ForecastConfig.Strategy.SEQ2SEQ) {
            ComputationGraph graph = ForecastModelFactory.seq2seq(config);
            BatchFiles files = ExportBatches.multiDataSets(job.sc(), job.storage(), batches.map(new ToSeq2SeqBatch()),
                    exportDir, size, 0);
            Fit fit = job.fit(graph, new SerializedMultiDataSetLoader(), 1).labelled(label);
            return train(fit, files, label, () -> ForecastNetwork.of((ComputationGraph) fit.model(),
                    config.model().horizon()));
        }
        MultiLayerNetwork net = ForecastModelFactory.direct(config);
        BatchFiles files = ExportBatches.dataSets(job.sc(), job.storage(), batches, exportDir, size, 0);
        Fit fit = job.fit(net, new SerializedDataSetLoader(), 1).labelled(label);
        return train(fit, files, label, () -> ForecastNetwork.of((MultiLayerNetwork) fit.model()));
    }

    private Result train(Fit fit, BatchFiles files, String label, java.util.function.Supplier<ForecastNetwork> net)
            throws IOException {
        ForecastConfig config = job.config();
        int epochs = config.training().epochs();
        List<Double> losses = new ArrayList<>();
        ConsoleProgress console = new ConsoleProgress(label + ": ", new ConsoleProgress.Units("windows", 1, ""),
                epochs, files.examples(), config.training().timeLimitMinutes() * 60, 10);
        TrainingLoop loop = new TrainingLoop(fit, files, config.training(), Checkpoint.NONE, job.checkpoints(),
                job.configText(), console, (epoch, state) -> {
                    double loss = state.roundsOf(epoch).stream().mapToDouble(RoundStats::loss).average()
                            .orElse(Double.NaN);
                    losses.add(loss);
                    if (epoch == 1 || epoch == epochs || epoch % 10 == 0) {
                        LOG.info("{}: epoch {}/{} loss {}", label, epoch, epochs, String.format(Locale.ROOT, "%.5f",
                                loss));
                    }
                }, Map::of);
        int rounds = new RoundSchedule(files.files(), fit.workers(), config.training().averagingFrequency(),
                config.training().seed(), 1).rounds();
        TrainingState end = loop.run(TrainingState.start(rounds, fit.workers(), files, config.training().seed()));
        boolean stopped = losses.size() < epochs || end.roundsDone() < end.roundsInEpoch();
        if (stopped) {
            LOG.warn("{}: training.time-limit-minutes reached after {} epoch(s)", label, losses.size());
        }
        return new Result(net.get(), losses, fit.trainingSeconds(), stopped);
    }
}
