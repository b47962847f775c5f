package io.sparkrnn.lm;

import io.sparkrnn.core.train.CheckpointStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.testing.ChildJob;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A driver killed (SIGKILL) after its first checkpoint, then the same job continued with
 * {@code --resume}: it must finish with every round of every epoch trained exactly once and end
 * where an uninterrupted run with the same seed ends (within 2%).
 */
class ResumeAfterDriverKillIT {
    private static final List<String> JOB = List.of("--conf", "conf/lm-quickstart.conf",
            "--set", "training.epochs=2", "--set", "training.workers=2", "--set", "model.hidden-size=64",
            "--set", "checkpoint.every-rounds=3", "--set", "output.training-stats=false",
            "--set", "eval.sample-length=40");
    private static final Map<String, String> LOCAL = Map.of("spark.master", "local[2]", "spark.ui.enabled", "false");

    @TempDir
    Path tmp;

    @Test
    void killedDriverResumesAndEndsLikeAnUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("reference");
        RunSummary uninterrupted = LanguageModelJob.run(config(reference), SharedSpark.context());
        int roundsPerEpoch = uninterrupted.epochs().get(0).roundsInEpoch();

        Path out = tmp.resolve("killed");
        Path checkpoints = out.resolve(CheckpointStore.FOLDER);
        try (ChildJob first = ChildJob.start(TrainLanguageModel.class.getName(), args("--output", out.toString()),
                LOCAL, Map.of(), tmp.resolve("first.log"))) {
            first.awaitWhileRunning(() -> checkpointCount(checkpoints) > 0, Duration.ofMinutes(5), "checkpoint");
            first.process().destroyForcibly();
            first.awaitExit(Duration.ofMinutes(1));
        }
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "a killed run is not complete");
        assertTrue(checkpointCount(checkpoints) > 0, "the checkpoint survives the kill");

        DataException notAgain = assertThrows(DataException.class,
                () -> LanguageModelJob.run(config(out), SharedSpark.context()));
        assertTrue(notAgain.getMessage().contains("add --resume to continue it"), notAgain.getMessage());

        try (ChildJob resumed = ChildJob.start(TrainLanguageModel.class.getName(),
                List.of("--resume", "--output", out.toString()), LOCAL, Map.of(), tmp.resolve("resume.log"))) {
            assertEquals(0, resumed.awaitExit(Duration.ofMinutes(10)), resumed.tail());
            assertTrue(resumed.output().contains("resuming from file:" + checkpoints), resumed.tail());
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(checkpoints), "checkpoints are removed once the run is complete");

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        List<String> rounds = new ArrayList<>();
        metrics.at("/rounds").forEach(r -> rounds.add(r.at("/epoch").asInt() + "/" + r.at("/round").asInt()));
        List<String> expected = new ArrayList<>();
        for (int e = 1; e <= 2; e++) {
            for (int r = 1; r <= roundsPerEpoch; r++) {
                expected.add(e + "/" + r);
            }
        }
        assertEquals(expected, rounds, "every round of both epochs exactly once, in order");
        assertEquals(2, metrics.at("/epochs").size(), metrics.at("/epochs").toString());
        double resumedLoss = metrics.at("/validation/loss_nats").asDouble();
        double referenceLoss = uninterrupted.last().validationLoss();
        double gap = Math.abs(resumedLoss - referenceLoss) / referenceLoss;
        JsonNode runInfo = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        System.out.printf("ResumeAfterDriverKillIT: resumed from %s, final validation %.4f nats; uninterrupted "
                + "%.4f nats; gap %.3f%%%n", runInfo.at("/resumed_from").asText(), resumedLoss, referenceLoss, 100 * gap);
        assertTrue(gap < 0.02, "resumed run ends at " + resumedLoss + " nats, the uninterrupted one at "
                + referenceLoss + ": " + String.format("%.2f%%", 100 * gap) + " apart");
        assertTrue(runInfo.at("/resumed_from").asText().contains("/checkpoints/epoch-"), runInfo.toString());
    }

    private static List<String> args(String... more) {
        List<String> a = new ArrayList<>(JOB);
        a.addAll(List.of(more));
        return a;
    }

    private LmConfig config(Path out) {
        List<String> overrides = new ArrayList<>();
        for (int i = 2; i < JOB.size(); i += 2) {
            overrides.add(JOB.get(i + 1));
        }
        return LmConfig.LOADER.load(Path.of("conf/lm-quickstart.conf"), out.toString(), overrides);
    }

    /** Complete checkpoint files in a folder (0 while it does not exist). */
    static long checkpointCount(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ckpt")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
