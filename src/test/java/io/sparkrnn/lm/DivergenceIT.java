package io.sparkrnn.lm;

import io.sparkrnn.core.train.CheckpointStore;
import io.sparkrnn.core.train.TrainingDiverged;
import io.sparkrnn.forecast.ForecastJob;
import io.sparkrnn.forecast.ForecastJobITSupport;

import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose weights blow up (plain SGD with an absurd step and no clipping: the first
 * averaging round overflows to infinity and NaN) stops with a message, and saves nothing
 * that holds the NaN: no checkpoint, no model, no _SUCCESS. The same for the forecasting job.
 */
class DivergenceIT {
    @TempDir
    Path tmp;

    @Test
    void nanTrainingStopsBeforeAnythingIsSaved() {
        Path out = tmp.resolve("diverged");
        LmConfig config = LmConfig.LOADER.load(Path.of("conf/lm-quickstart.conf"), out.toString(), List.of(
                "training.updater=sgd", "training.learning-rate=1e37", "training.gradient-clip=0",
                "checkpoint.every-rounds=1", "model.hidden-size=32", "training.epochs=1"));
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> LanguageModelJob.run(config, SharedSpark.context()));
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1, averaging round 1: the loss is NaN"),
                e.getMessage());
        assertFalse(Files.exists(out.resolve(CheckpointStore.FOLDER)), "no checkpoint of a diverged network");
        assertFalse(Files.exists(out.resolve("model.zip")), "no model");
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "not a completed run");
    }

    @Test
    void nanForecasterStopsNamingTheFitAndSavesNoModel() {
        Path out = tmp.resolve("forecast-diverged");
        var config = ForecastJobITSupport.small("data-samples/dash-stock-ticker-demo.csv", out.toString(),
                "training.updater=sgd", "training.learning-rate=1e37", "training.gradient-clip=0");
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> ForecastJob.run(config, SharedSpark.context()));
        assertTrue(e.getMessage().startsWith("training diverged in fit at fold 0 (origin 2017-11-30), epoch 1: the loss"),
                e.getMessage());
        assertFalse(Files.exists(out.resolve(CheckpointStore.FOLDER).resolve("fit-00000.ckpt")),
                "no checkpoint of a diverged fit");
        assertFalse(Files.exists(out.resolve("model.zip")), "no model");
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "not a completed run");
    }
}
