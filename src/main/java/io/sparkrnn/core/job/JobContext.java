package io.sparkrnn.core.job;

import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.Fit;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the skeleton hands a task's pipeline: the validated configuration and its HOCON text (as
 * saved beside the model and in every checkpoint), Spark, storage, the prepared output folder,
 * the work folder for exported minibatches (qualified; removed after a successful run unless
 * kept), the workers (a resumed fit keeps its checkpoint's), the phase timer, the checkpoints
 * and the newest one when resuming, and fits made here so that run.json counts their training
 * time and training-stats.html shows the last one. The task records the files it read with
 * {@link #input}.
 *
 * @param from the checkpoint a resumed run continues from, or null
 */
public record JobContext<C extends Record & JobConfig>(C config, String configText, JavaSparkContext sc,
                                                       Storage storage, OutputFolder out, String workDir, int workers,
                                                       CheckpointStore checkpoints, CheckpointStore.Checkpoint from,
                                                       Phases phases, List<InputFile> inputs, List<Fit> fits) {

    JobContext(C config, String configText, JavaSparkContext sc, Storage storage, OutputFolder out, String workDir,
               int workers, CheckpointStore checkpoints, CheckpointStore.Checkpoint from) {
        this(config, configText, sc, storage, out, workDir, workers, checkpoints, from, new Phases(),
                new ArrayList<>(), new ArrayList<>());
    }

    /** The checkpoint a resumed run continues from (the newest), empty for a run from the start. */
    public Optional<CheckpointStore.Checkpoint> resumeFrom() {
        return Optional.ofNullable(from);
    }

    public boolean resuming() {
        return from != null;
    }

    /** Records an input file for run.json. */
    public void input(String path, long bytes) {
        inputs.add(new InputFile(path, bytes));
    }

    /** A fit of stacked layers with the job's training settings and workers (see {@link Fit#of}). */
    public Fit fit(MultiLayerNetwork net, DataSetLoader loader, double lossScale) {
        return register(Fit.of(sc, config.training(), workers, net, loader, lossScale,
                config.output().trainingStats()));
    }

    /** A fit of a graph with the job's training settings and workers. */
    public Fit fit(ComputationGraph graph, MultiDataSetLoader loader, double lossScale) {
        return register(Fit.of(sc, config.training(), workers, graph, loader, lossScale,
                config.output().trainingStats()));
    }

    private Fit register(Fit fit) {
        fits.add(fit);
        return fit;
    }

    /** Training seconds of every fit made here (a resumed fit's include the earlier attempt's). */
    double trainingSeconds() {
        return fits.stream().mapToDouble(Fit::trainingSeconds).sum();
    }

    /** DL4J's statistics of the last fit, or null. */
    SparkTrainingStats lastTrainingStats() {
        return fits.isEmpty() ? null : fits.get(fits.size() - 1).trainingStats();
    }
}
