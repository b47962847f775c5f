package io.sparkrnn.it;

import io.sparkrnn.core.io.Storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.forecast.ForecastConfig;
import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.forecast.ForecastNextJob;
import io.sparkrnn.forecast.ForecastModelStore;
import io.sparkrnn.lm.ModelStore;
import io.sparkrnn.forecast.ForecastSummary;
import io.sparkrnn.lm.RunSummary;
import io.sparkrnn.testing.SharedSpark;
import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.forecast.ForecastJob;
import io.sparkrnn.forecast.ForecastJobITSupport;
import io.sparkrnn.lm.LanguageModelJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The language-model and forecasting jobs against a real HDFS (an in-process MiniDFSCluster: name node, data
 * node, the HDFS client and its RPCs): the corpus read from {@code hdfs://}, the exported
 * batches, checkpoints and every output written there, and the model read back from it.
 */
class HdfsIT {
    private static MiniDFSCluster cluster;
    private static String root;
    private static FileSystem fs;

    @BeforeAll
    static void startHdfs() throws IOException {
        File base = Files.createTempDirectory("spark-rnn-hdfs").toFile();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        root = "hdfs://localhost:" + cluster.getNameNodePort();
        fs = cluster.getFileSystem();
        fs.copyFromLocalFile(new Path(new File("data-samples/tinyshakespeare-head.txt").getAbsolutePath()),
                new Path(root + "/corpus/tinyshakespeare-head.txt"));
        fs.copyFromLocalFile(new Path(new File("data-samples/dash-stock-ticker-demo.csv").getAbsolutePath()),
                new Path(root + "/prices/dash-stock-ticker-demo.csv"));
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void languageModelJobReadsAndWritesEverythingOnHdfs() throws IOException {
        String out = root + "/runs/lm";
        LmConfig config = LmConfig.LOADER.load(java.nio.file.Path.of("conf/lm-quickstart.conf"), out, List.of(
                "data.input=" + root + "/corpus", "training.epochs=1", "model.hidden-size=64",
                "checkpoint.every-rounds=5", "eval.sample-length=40"));
        RunSummary run = LanguageModelJob.run(config, SharedSpark.context());

        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(new Path(out))) {
            names.add(s.getPath().getName());
        }
        for (String f : List.of("model.zip", "vocabulary.json", "config.conf", "metrics.json", "run.json",
                "report.html", "training-stats.html", "_SUCCESS")) {
            assertTrue(names.contains(f), f + " missing on HDFS in " + out + ": " + names);
        }
        assertTrue(names.stream().noneMatch(n -> n.startsWith(".") || n.equals("_work")),
                "no temporary files or exported batches left: " + names);
        long success = fs.getFileStatus(new Path(out, "_SUCCESS")).getModificationTime();
        for (FileStatus s : fs.listStatus(new Path(out))) {
            assertTrue(s.getModificationTime() <= success, s.getPath().getName() + " was written after _SUCCESS");
        }

        JsonNode runJson = new ObjectMapper().readTree(fs.open(new Path(out, "run.json")));
        assertEquals(root + "/corpus/tinyshakespeare-head.txt", runJson.at("/input/files/0/path").asText());
        double loss = run.last().validationLoss();
        assertTrue(loss < run.baselines().unigramNats(), "validation " + loss + " nats after one epoch, unigram "
                + run.baselines().unigramNats());

        Storage storage = new Storage(SharedSpark.context().hadoopConfiguration());
        ModelStore.Loaded loaded = ModelStore.load(storage, out);
        assertEquals(run.vocabularySize(), loaded.vocabulary().size(), "model and vocabulary reload from HDFS");
    }

    @Test
    void forecastingJobAndForecastToolReadAndWriteOnHdfs() throws IOException {
        String out = root + "/runs/forecast";
        ForecastSummary run = ForecastJob.run(ForecastJobITSupport.small(root + "/prices", out),
                SharedSpark.context());
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(new Path(out))) {
            names.add(s.getPath().getName());
        }
        for (String f : List.of("model.zip", "transforms.json", "config.conf", "forecasts", "forecasts-csv",
                "metrics.json", "run.json", "report.html", "_SUCCESS")) {
            assertTrue(names.contains(f), f + " missing on HDFS in " + out + ": " + names);
        }
        assertTrue(names.stream().noneMatch(n -> n.startsWith(".") || n.equals("_work")),
                "no temporary folders or exported windows left: " + names);
        long success = fs.getFileStatus(new Path(out, "_SUCCESS")).getModificationTime();
        for (FileStatus s : fs.listStatus(new Path(out))) {
            assertTrue(s.getModificationTime() <= success, s.getPath().getName() + " was written after _SUCCESS");
        }
        assertEquals(List.of(root + "/prices/dash-stock-ticker-demo.csv"), run.input().files());
        long rows = SparkSession.builder().sparkContext(SharedSpark.context().sc()).getOrCreate().read()
                .parquet(out + "/forecasts").count();
        assertEquals(run.errors("model", "overall").count(), rows, "the forecasts table on HDFS");

        Storage storage = new Storage(SharedSpark.context().hadoopConfiguration());
        ForecastModelStore.Loaded model = ForecastModelStore.load(storage, out);
        ForecastConfig next = ForecastConfig.LOADER.loadText(model.configText(), "saved", root + "/runs/next",
                List.of("data.input=" + root + "/prices"));
        assertEquals(5, ForecastNextJob.run(SharedSpark.context(), next, model, false).forecastSeries());
        assertTrue(fs.exists(new Path(root + "/runs/next/_SUCCESS")));
    }

    @Test
    void checkpointsOnHdfsAreAtomicAndPruned() throws IOException {
        Storage storage = new Storage(fs.getConf());
        CheckpointStore store = new CheckpointStore(storage, root + "/runs/ckpt", 2);
        for (int round = 1; round <= 4; round++) {
            store.save(1, round, Map.of("state.json", ("round " + round).getBytes(StandardCharsets.UTF_8)));
        }
        FileStatus[] files = fs.listStatus(new Path(store.folder()));
        assertEquals(2, files.length, "keep = 2 on HDFS");
        CheckpointStore.Checkpoint latest = store.latest().orElseThrow();
        assertEquals(4, latest.round());
        assertEquals("round 4", new String(latest.entry("state.json"), StandardCharsets.UTF_8));
    }
}
