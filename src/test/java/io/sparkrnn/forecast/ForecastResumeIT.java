package io.sparkrnn.forecast;

import io.sparkrnn.core.job.JobRunner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.OutputFolder;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecasting job's driver killed (SIGKILL) after its first fit was checkpointed, then the
 * same command with {@code --resume}: the saved fit is taken, the rest trained, and the
 * backtest ends where an uninterrupted run with the same seed ends (within 2%).
 */
class ForecastResumeIT {
    private static final Map<String, String> LOCAL = Map.of("spark.master", "local[2]", "spark.ui.enabled", "false");
    private static final String INPUT = "data-samples/dash-stock-ticker-demo.csv";

    @TempDir
    Path tmp;

    private static List<String> args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("--conf", "conf/forecast-stocks.conf", "--output", out.toString(),
                "--set", "data.input=" + INPUT));
        for (String s : ForecastJobITSupport.SMALL) {
            a.add("--set");
            a.add(s);
        }
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void killedDriverResumesFromItsFitsAndEndsLikeAnUninterruptedRun() throws Exception {
        ForecastSummary uninterrupted = ForecastJob.run(ForecastJobITSupport.small(INPUT,
                tmp.resolve("reference").toString()), SharedSpark.context());

        Path out = tmp.resolve("killed");
        Path firstFit = out.resolve(OutputFolder.CHECKPOINTS).resolve("fit-00000.ckpt");
        try (ChildJob first = ChildJob.start(TrainForecast.class.getName(), args(out), LOCAL, Map.of(),
                tmp.resolve("first.log"))) {
            first.awaitWhileRunning(() -> Files.exists(firstFit), Duration.ofMinutes(5), "the first fit's checkpoint");
            first.process().destroyForcibly();
            first.awaitExit(Duration.ofMinutes(1));
        }
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "a killed run is not complete");
        assertTrue(Files.exists(firstFit), "the fit's checkpoint survives the kill");

        DataException notAgain = assertThrows(DataException.class, () -> ForecastJob.run(
                ForecastJobITSupport.small(INPUT, out.toString()), SharedSpark.context()));
        assertTrue(notAgain.getMessage().contains("add --resume to continue it"), notAgain.getMessage());
        DataException changed = assertThrows(DataException.class, () -> JobRunner.run(new ForecastJob(),
                ForecastJobITSupport.small(INPUT, out.toString(), "model.hidden-size=16"), SharedSpark.context(),
                true));
        assertTrue(changed.getMessage().contains("model.hidden-size: 8 in the checkpoint, 16 now"),
                changed.getMessage());

        try (ChildJob resumed = ChildJob.start(TrainForecast.class.getName(), args(out, "--resume"), LOCAL, Map.of(),
                tmp.resolve("resume.log"))) {
            assertEquals(0, resumed.awaitExit(Duration.ofMinutes(10)), resumed.tail());
            assertTrue(resumed.output().contains("fit at fold 0: taken from the checkpoint"), resumed.tail());
            assertTrue(resumed.output().contains("fit at fold 10 (origin"), "the unfinished fit is trained: "
                    + resumed.tail());
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve(OutputFolder.CHECKPOINTS)), "checkpoints go once the run is complete");

        double resumedMae = new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
                .at("/overall/model/mae").asDouble();
        double referenceMae = uninterrupted.errors("model", "overall").mae();
        double gap = Math.abs(resumedMae - referenceMae) / referenceMae;
        System.out.printf("ForecastResumeIT: resumed backtest MAE %.5f, uninterrupted %.5f, gap %.3f%%%n", resumedMae,
                referenceMae, 100 * gap);
        assertTrue(gap < 0.02, "resumed MAE " + resumedMae + ", uninterrupted " + referenceMae + ": "
                + String.format("%.2f%%", 100 * gap) + " apart");
    }
}
