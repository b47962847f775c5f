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
 * What the skeleton hands a task's pipeline: the validated configuration and its HOCON text,
 * Spark, storage, the prepared output folder and work folder, the workers, the phase timer, the
 * checkpoints (and the one to resume from), and fits made here so that run.json counts their
 * training time and training-stats.html shows the last one. The task records the files it
 * read with {@link #input}.
 */
public final class JobContext<C extends Record & JobConfig> {
    private final C config;
    private final String configText;
    private final JavaSparkContext sc;
    private final Storage storage;
    private final OutputFolder out;
    private final String workDir;
    private final int workers;
    private final CheckpointStore checkpoints;
    private final CheckpointStore.Checkpoint resumeFrom;
    private final Phases phases = new Phases();
    private final List<InputFile> inputs = new ArrayList<>();
    private final List<Fit> fits = new ArrayList<>();

    JobContext(C config, String configText, JavaSparkContext sc, Storage storage, OutputFolder out, String workDir,
               int workers, CheckpointStore checkpoints, CheckpointStore.Checkpoint resumeFrom) {
        this.config = config;
        this.configText = configText;
        this.sc = sc;
        this.storage = storage;
        this.out = out;
        this.workDir = workDir;
        this.workers = workers;
        this.checkpoints = checkpoints;
        this.resumeFrom = resumeFrom;
    }

    public C config() {
        return config;
    }

    /** The configuration as saved beside the model and in every checkpoint. */
    public String configText() {
        return configText;
    }

    public JavaSparkContext sc() {
        return sc;
    }

    public Storage storage() {
        return storage;
    }

    public OutputFolder out() {
        return out;
    }

    /** Where exported minibatches go (qualified URI); removed after a successful run unless kept. */
    public String workDir() {
        return workDir;
    }

    /** Parallel model replicas (a resumed fit keeps its checkpoint's). */
    public int workers() {
        return workers;
    }

    public Phases phases() {
        return phases;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** The checkpoint a resumed run continues from (the newest), empty for a run from the start. */
    public Optional<CheckpointStore.Checkpoint> resumeFrom() {
        return Optional.ofNullable(resumeFrom);
    }

    public boolean resuming() {
        return resumeFrom != null;
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

    List<InputFile> inputs() {
        return List.copyOf(inputs);
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
