package io.sparkrnn.lm;

import io.sparkrnn.core.train.CheckpointStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.testing.ChildJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on a Spark of separate JVMs ({@code local-cluster}: a master, two workers and an
 * executor JVM each) survives an executor killed with SIGKILL in the middle of training: Spark
 * reruns the lost tasks, the standalone worker starts a new executor, and the job completes.
 */
class ExecutorLossIT {
    private static final String EXECUTOR_MAIN = "CoarseGrainedExecutorBackend";

    @TempDir
    Path tmp;

    @Test
    void jobCompletesAfterAnExecutorJvmIsKilledMidTraining() throws Exception {
        // local-cluster starts executors as `java -cp SPARK_HOME/jars/*:extraClassPath`; the
        // test class path carries everything, so the jars folder only has to exist.
        Path sparkHome = tmp.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        Path out = tmp.resolve("run");
        Map<String, String> props = Map.of(
                "spark.master", "local-cluster[2,1,2048]",
                "spark.executor.memory", "1536m",
                "spark.executor.extraClassPath", System.getProperty("java.class.path"),
                "spark.ui.enabled", "false");
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12");
        List<String> args = List.of("--conf", "conf/lm-quickstart.conf", "--output", out.toString(),
                "--set", "training.epochs=1", "--set", "training.workers=2", "--set", "model.hidden-size=64",
                "--set", "checkpoint.every-rounds=2", "--set", "output.training-stats=false",
                "--set", "eval.sample-length=40");
        try (ChildJob job = ChildJob.start(TrainLanguageModel.class.getName(), args, props, env,
                tmp.resolve("job.log"))) {
            Path checkpoints = out.resolve(CheckpointStore.FOLDER);
            job.awaitWhileRunning(() -> ResumeAfterDriverKillIT.checkpointCount(checkpoints) > 0,
                    Duration.ofMinutes(6), "checkpoint (training under way)");
            Optional<ProcessHandle> executor = job.process().descendants()
                    .filter(p -> commandLine(p).contains(EXECUTOR_MAIN))
                    .findFirst();
            assertTrue(executor.isPresent(), "an executor JVM runs under the job; its processes: "
                    + job.process().descendants().map(p -> p.pid() + " " + commandLine(p)).toList() + "\n" + job.tail());
            long pid = executor.get().pid();
            assertTrue(executor.get().destroyForcibly(), "kill executor " + pid);

            int exit = job.awaitExit(Duration.ofMinutes(10));
            String log = job.output();
            assertEquals(0, exit, "the job completes after losing executor " + pid + ":\n" + job.tail());
            assertTrue(log.contains("Lost executor") || log.contains("lost executor") || log.contains("Executor lost"),
                    "Spark saw the executor go:\n" + job.tail());
            log.lines().filter(l -> l.contains("xecutor") && (l.contains("ost") || l.contains("added")
                            || l.contains("Granted") || l.contains("removed")) || l.contains("Done in"))
                    .forEach(l -> System.out.println("ExecutorLossIT (killed pid " + pid + "): " + l));
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertTrue(metrics.at("/epochs/0/complete").asBoolean(), "the epoch ran all its rounds: " + metrics.at("/epochs"));
        double loss = metrics.at("/validation/loss_nats").asDouble();
        double bigram = metrics.at("/baselines/bigram_nats").asDouble();
        assertTrue(loss < metrics.at("/baselines/unigram_nats").asDouble(),
                "the model still learns: validation " + loss + " nats, unigram "
                        + metrics.at("/baselines/unigram_nats") + ", bigram " + bigram);
    }

    /** The full command line (ProcessHandle.Info truncates long ones, and an executor's class path is long). */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return p.info().commandLine().orElse("");
        }
    }
}
