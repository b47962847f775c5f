package io.sparkrnn.lm;

import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.StatsPage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.StatsUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a run's output folder. Each file is written atomically; {@code _SUCCESS} is removed
 * before anything is overwritten and written last, so a folder with {@code _SUCCESS} always
 * holds one complete run.
 */
final class OutputWriter {
    static final String SUCCESS = OutputFolder.SUCCESS;
    static final String REPORT = "report.html";
    static final String METRICS = "metrics.json";
    static final String RUN = "run.json";
    static final String CONFIG = "config.conf";
    static final String TRAINING_STATS = "training-stats.html";
    private static final Logger LOG = LoggerFactory.getLogger(OutputWriter.class);

    private final Storage storage;
    private final String dir;

    OutputWriter(Storage storage, String dir) {
        this.storage = storage;
        this.dir = dir;
    }

    /** See {@link OutputFolder#prepare}. */
    void prepare(boolean overwrite, boolean resuming) throws IOException {
        new OutputFolder(storage, dir).prepare(overwrite, resuming);
    }

    void writeModel(MultiLayerNetwork net, Vocabulary vocabulary) throws IOException {
        ModelStore.save(storage, dir, net, vocabulary);
    }

    /**
     * DL4J's timeline page, made to open offline; a failure to draw it is reported, not fatal.
     */
    boolean writeTrainingStats(SparkTrainingStats stats) {
        if (stats == null) {
            return false;
        }
        try {
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            StatsUtils.exportStatsAsHTML(stats, page);
            storage.writeString(dir + "/" + TRAINING_STATS, StatsPage.offline(page.toString(StandardCharsets.UTF_8)));
            return true;
        } catch (Exception e) {
            LOG.warn("Could not write {}: {}", TRAINING_STATS, e.getMessage());
            return false;
        }
    }

    void writeReports(RunSummary run, boolean hasTrainingStats) throws IOException {
        storage.writeString(dir + "/" + CONFIG, run.configText());
        storage.writeString(dir + "/" + METRICS, MetricsJson.render(run));
        storage.writeString(dir + "/" + RUN, RunJson.render(run));
        storage.writeString(dir + "/" + REPORT, HtmlReport.render(run, hasTrainingStats));
    }

    void markSuccess() throws IOException {
        new OutputFolder(storage, dir).markSuccess();
    }
}
