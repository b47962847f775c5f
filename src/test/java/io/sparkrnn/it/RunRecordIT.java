package io.sparkrnn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.classify.ClassifyConfig;
import io.sparkrnn.caption.CaptionConfig;
import io.sparkrnn.caption.CaptionJob;
import io.sparkrnn.classify.ClassifyJob;
import io.sparkrnn.core.job.RunRecord;
import io.sparkrnn.forecast.ForecastJob;
import io.sparkrnn.forecast.ForecastJobITSupport;
import io.sparkrnn.lm.LanguageModelJob;
import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One provenance record for every job: the run.json of the language model, the forecaster, the
 * classifier and the captioner, each run small on local[2], have the same top-level keys, in the same order,
 * and each puts what is its own under {@code task}.
 */
class RunRecordIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> keys(Path runJson) throws Exception {
        List<String> keys = new ArrayList<>();
        JSON.readTree(runJson.toFile()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void everyJobWritesTheSameTopLevelKeys(@TempDir Path tmp) throws Exception {
        Path lm = tmp.resolve("lm");
        LanguageModelJob.run(LmConfig.LOADER.load(Path.of("conf/lm-quickstart.conf"), lm.toString(), List.of(
                "training.epochs=1", "model.layers=1", "model.hidden-size=16", "output.training-stats=false")),
                SharedSpark.context());
        Path forecast = tmp.resolve("forecast");
        ForecastJob.run(ForecastJobITSupport.small("data-samples/dash-stock-ticker-demo.csv", forecast.toString(),
                "training.epochs=1"), SharedSpark.context());
        Path classify = tmp.resolve("classify");
        ClassifyJob.run(ClassifyConfig.LOADER.load(Path.of("conf/classify-vowels.conf"), classify.toString(),
                List.of("training.epochs=1", "model.hidden-size=8")), SharedSpark.context());

        Path caption = tmp.resolve("caption");
        CaptionJob.run(CaptionConfig.LOADER.loadText("", "test", caption.toString(), List.of(
                "data.images=data-samples/emoji-sample/images", "data.captions=data-samples/emoji-sample/captions.csv",
                "data.group-column=group", "model.conv-filters=8", "model.hidden-size=16", "training.epochs=1",
                "decode.beam-width=1", "decode.max-length=4")), SharedSpark.context());

        List<String> lmKeys = keys(lm.resolve("run.json"));
        assertEquals(RunRecord.KEYS, lmKeys, "language model run.json");
        assertEquals(lmKeys, keys(forecast.resolve("run.json")), "forecasting run.json against the language model's");
        assertEquals(lmKeys, keys(classify.resolve("run.json")), "classification run.json against the language model's");
        assertEquals(lmKeys, keys(caption.resolve("run.json")), "captioning run.json against the language model's");
        for (Path run : List.of(lm, forecast, classify, caption)) {
            JsonNode r = JSON.readTree(run.resolve("run.json").toFile());
            assertTrue(r.at("/task").isObject() && r.at("/task").size() > 0, run + ": a task section of its own");
            assertTrue(r.at("/input/files").size() > 0 && r.at("/input/bytes").asLong() > 0, run + ": inputs " + r.at("/input"));
            assertTrue(r.at("/config/training/seed").isNumber(), run + ": the resolved configuration");
            assertTrue(r.at("/phase_seconds").size() > 1, run + ": phases " + r.at("/phase_seconds"));
            assertTrue(r.at("/resumed_from").isNull(), run + ": a run in one go");
        }
        assertTrue(keys(lm.resolve("run.json")).contains("driver_memory"));
    }
}
