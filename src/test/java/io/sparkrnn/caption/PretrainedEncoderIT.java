package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.testing.SharedSpark;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The captioning job with a pretrained Keras encoder (MobileNetV2 cut at block_2_add) on the
 * emoji sample, on local[2]: frozen to the end of the run, the decoder trains alone on the
 * encoder's outputs computed once and the saved model holds the encoder as imported; with one
 * epoch more, the decoder trained so moves into the whole graph and the encoder trains with it.
 */
class PretrainedEncoderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENCODER_LAYER = "enc/Conv1";

    @Test
    void trainsTheDecoderOnCachedFeaturesThenFineTunesTheEncoder(@TempDir Path tmp) throws Exception {
        String file = Path.of(getClass().getResource("mobilenet_v2-block_2_add.h5").toURI()).toString();
        Path out = tmp.resolve("run");
        List<String> sets = List.of("data.images=data-samples/emoji-sample/images",
                "data.captions=data-samples/emoji-sample/captions.csv", "data.group-column=group",
                "data.test-fraction=0.25", "model.encoder=keras:" + file, "model.keras-layer=block_2_add",
                "model.attention-size=16", "model.hidden-size=48", "model.freeze-epochs=1",
                "checkpoint.every-rounds=0");
        CaptionConfig oneEpoch = CaptionConfig.LOADER.load(Path.of("conf/caption-emoji.conf"), out.toString(),
                concat(sets, "training.epochs=1"));
        CaptionSummary frozen = CaptionJob.run(oneEpoch, SharedSpark.context());
        assertEquals(1, frozen.curve().size(), "one epoch: " + frozen.curve());
        assertTrue(Double.isFinite(frozen.curve().get(0).heldOutLoss()), "held-out loss on the cached features: "
                + frozen.curve());
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertTrue(run.toString().contains("encode images with the frozen encoder"),
                "run.json times the one pass of the frozen encoder: " + run.at("/phase_seconds"));
        ComputationGraph saved = model(out);
        KerasEncoder encoder = KerasEncoder.read(file, "block_2_add");
        int words = (int) saved.getLayer(CaptionNetwork.OUTPUT).getParam("b").length();
        ComputationGraph imported = CaptionNetwork.create(oneEpoch, words, encoder, true);
        assertEquals(0.0, maxDifference(saved, imported), 0.0, "frozen to the end, the saved encoder is as imported");
        assertFalse(CaptionNetwork.isHeadless(saved), "the saved model is the whole graph");

        Path out2 = tmp.resolve("run-2");
        CaptionConfig twoEpochs = CaptionConfig.LOADER.load(Path.of("conf/caption-emoji.conf"), out2.toString(),
                concat(sets, "training.epochs=2"));
        CaptionSummary tuned = CaptionJob.run(twoEpochs, SharedSpark.context());
        assertEquals(2, tuned.curve().size(), "the frozen epoch and the one that trains the encoder: "
                + tuned.curve());
        assertTrue(tuned.curve().stream().allMatch(p -> Double.isFinite(p.heldOutLoss())),
                "held-out loss on the cached features, then on the images: " + tuned.curve());
        ComputationGraph fineTuned = model(out2);
        assertFalse(CaptionNetwork.isHeadless(fineTuned), "the saved model is the whole graph");
        ComputationGraph unfolded = CaptionNetwork.create(twoEpochs, words, encoder, false);
        double moved = maxDifference(fineTuned, unfolded);
        assertTrue(moved > 0, "the second epoch trains the encoder; " + ENCODER_LAYER + " moved " + moved);
    }

    private static ComputationGraph model(Path out) throws Exception {
        return ModelBytes.graphFromBytes(Files.readAllBytes(out.resolve("model.zip")));
    }

    private static double maxDifference(ComputationGraph a, ComputationGraph b) {
        return a.getLayer(ENCODER_LAYER).params().sub(b.getLayer(ENCODER_LAYER).params()).amaxNumber().doubleValue();
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
    }
}
