package io.sparkrnn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launch scripts as a user runs them: {@code jobs/cluster.sh} starts a standalone Spark
 * master and two workers from the project's jars, {@code jobs/train-lm.sh --master spark://...}
 * submits the application jar to it (executors in their own JVMs), and {@code stop} ends it.
 */
class StandaloneClusterIT {
    @TempDir
    Path tmp;

    private record Result(int exit, String output) {
    }

    private Result script(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "script", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_RNN_CLUSTER_DIR", tmp.resolve("cluster").toString());
        pb.environment().put("SPARK_RNN_EMBEDDED", "1");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end in 10 minutes:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** The links to the local Maven repository, removed here so that JUnit's clean-up need not warn about each. */
    private static void removeJarLinks(Path jars) throws IOException {
        if (Files.isDirectory(jars)) {
            try (var links = Files.list(jars)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void startSubmitStop() throws Exception {
        String port = String.valueOf(freePort());
        String master = "spark://127.0.0.1:" + port;
        Path out = tmp.resolve("run");
        Path forecastOut = tmp.resolve("forecast");
        Result stopped;
        try {
            Result start = script("jobs/cluster.sh", "start", "--workers", "2", "--cores", "1", "--memory", "2g",
                    "--port", port, "--ui-port", String.valueOf(freePort()));
            assertEquals(0, start.exit(), start.output());
            assertTrue(start.output().contains("master " + master), start.output());
            Result status = script("jobs/cluster.sh", "status");
            assertEquals(3, status.output().lines().filter(l -> l.contains(" running")).count(), status.output());

            List<String> submit = new ArrayList<>(List.of("jobs/train-lm.sh", "--master", master,
                    "--executor-memory", "1536m", "--driver-memory", "2g",
                    "--conf", "conf/lm-quickstart.conf", "--output", out.toString(), "--set", "training.epochs=1",
                    "--set", "model.hidden-size=64", "--set", "output.training-stats=false",
                    "--set", "eval.sample-length=40"));
            Result job = script(submit.toArray(String[]::new));
            assertEquals(0, job.exit(), job.output());

            // The forecasting job on the same cluster: its records cross JVMs, its windows are
            // exported to the local output folder although the cluster is not local.
            List<String> forecast = new ArrayList<>(List.of("jobs/train-forecast.sh", "--master", master,
                    "--executor-memory", "1536m", "--driver-memory", "2g",
                    "--conf", "conf/forecast-stocks.conf", "--output", forecastOut.toString(),
                    "--set", "data.input=" + Path.of("data-samples/dash-stock-ticker-demo.csv").toAbsolutePath()));
            for (String s : io.sparkrnn.forecast.ForecastJobITSupport.SMALL) {
                forecast.add("--set");
                forecast.add(s);
            }
            Result forecastJob = script(forecast.toArray(String[]::new));
            assertEquals(0, forecastJob.exit(), forecastJob.output());
        } finally {
            stopped = script("jobs/cluster.sh", "stop");
            removeJarLinks(tmp.resolve("cluster/spark-home/jars"));
        }
        assertEquals(0, stopped.exit(), stopped.output());
        assertTrue(stopped.output().contains("Stopped 3 cluster process(es)"), stopped.output());
        assertTrue(Files.exists(out.resolve("_SUCCESS")), "the submitted job completed");
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(master, run.at("/spark/master").asText());
        assertTrue(run.at("/spark/app_id").asText().startsWith("app-"), "a standalone application id: " + run.at("/spark"));
        assertEquals(2, run.at("/spark/workers").asInt(), "two executors of one core: two training workers");
        JsonNode forecastRun = new ObjectMapper().readTree(forecastOut.resolve("run.json").toFile());
        assertEquals(master, forecastRun.at("/spark/master").asText());
        assertTrue(Files.exists(forecastOut.resolve("_SUCCESS")), "the submitted forecasting job completed");
        assertEquals(80, new ObjectMapper().readTree(forecastOut.resolve("metrics.json").toFile())
                .at("/overall/model/forecasts").asInt(), "the backtest's forecasts, made on the executors");
        Result after = script("jobs/cluster.sh", "status");
        assertFalse(after.output().contains(" running"), after.output());
    }
}
