package io.sparkrnn.train;

import io.sparkrnn.data.DataException;
import io.sparkrnn.data.Vocabulary;
import io.sparkrnn.io.Storage;
import io.sparkrnn.model.ModelStore;
import io.sparkrnn.report.HtmlReport;
import io.sparkrnn.report.MetricsJson;
import io.sparkrnn.report.RunJson;
import io.sparkrnn.report.RunSummary;
import io.sparkrnn.report.StatsPage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.StatsUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a run's output folder. Each file is written atomically; {@code _SUCCESS} is removed
 * before anything is overwritten and written last, so a folder with {@code _SUCCESS} always
 * holds one complete run.
 */
final class OutputWriter {
    static final String SUCCESS = "_SUCCESS";
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

    /**
     * Refuses an output folder that holds files, unless told to overwrite or resuming the run
     * that left them; a completed run is never resumed.
     */
    void prepare(boolean overwrite, boolean resuming) throws IOException {
        if (storage.exists(dir) && !storage.isDirectory(dir)) {
            throw new DataException("output: " + dir + " is a file; --output must name a folder");
        }
        List<String> existing = storage.list(dir);
        if (resuming) {
            if (existing.contains(SUCCESS)) {
                throw new DataException("output: " + dir + " holds a completed run (" + SUCCESS
                        + "); there is nothing to resume");
            }
        } else if (!existing.isEmpty()) {
            if (!overwrite) {
                String what = existing.contains(SUCCESS) ? "a completed run"
                        : existing.contains(CheckpointStore.FOLDER)
                        ? "an unfinished run with checkpoints: add --resume to continue it"
                        : "possibly an unfinished run";
                throw new DataException("output: " + dir + " already holds " + existing.size() + " entries (" + what
                        + "); give another --output, or --set output.overwrite=true to replace it");
            }
            storage.delete(dir + "/" + SUCCESS);
        }
        try {
            storage.mkdirs(dir);
            storage.writeAtomically(dir + "/.write-probe", new byte[0]);
            storage.delete(dir + "/.write-probe");
        } catch (IOException e) {
            throw new DataException("output: cannot write to " + dir + " (" + e.getMessage()
                    + "); give an --output folder this job may create and write");
        }
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
        storage.writeAtomically(dir + "/" + SUCCESS, new byte[0]);
    }
}
