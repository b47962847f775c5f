package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.report.Json;

import java.util.Map;

/**
 * {@code metrics.json} and run.json's task section of a captioning run. The model's scores
 * under {@code test} are its beam-search captions' ({@code test.greedy} the greedy ones'); each
 * baseline's under {@code baselines}, with the same keys, all on the same test images.
 */
final class CaptionJson {
    private CaptionJson() {
    }

    static ObjectNode metrics(CaptionSummary s) {
        ObjectNode root = Json.object();
        ObjectNode test = root.putObject("test");
        scores(test, s.scores().get("beam"));
        test.put("images", s.counts().images().get("test"));
        test.put("beam_width", s.config().decode().beamWidth());
        scores(test.putObject("greedy"), s.scores().get("greedy"));
        ObjectNode errors = test.putObject("errors");
        errors.put("wrong", s.errors().wrong());
        errors.put("wrong_seen_in_training", s.errors().seenInTraining());
        ArrayNode subs = errors.putArray("substitutions");
        for (CaptionErrors.Substitution x : s.errors().substitutions()) {
            subs.addObject().put("reference", x.reference()).put("generated", x.generated()).put("count", x.count());
        }
        ObjectNode baselines = root.putObject("baselines");
        ObjectNode frequent = baselines.putObject("most_frequent");
        scores(frequent, s.scores().get("most_frequent"));
        frequent.put("caption", s.frequent());
        ObjectNode pixels = baselines.putObject("nearest_neighbour");
        scores(pixels, s.scores().get("nearest_neighbour"));
        pixels.put("space", "pixels (squared Euclidean)");
        ObjectNode features = baselines.putObject("nearest_neighbour_features");
        scores(features, s.scores().get("nearest_neighbour_features"));
        features.put("space", "the trained encoder's features (squared Euclidean)");
        CaptionScoring.Scores beam = s.scores().get("beam");
        boolean beats = s.scores().entrySet().stream().filter(e -> e.getKey().startsWith("most")
                || e.getKey().startsWith("nearest")).allMatch(e -> beam.bleu4() > e.getValue().bleu4());
        root.put("beats_baselines_bleu4", beats);
        ArrayNode curve = root.putArray("curve");
        for (CaptionSummary.EpochPoint p : s.curve()) {
            ObjectNode e = curve.addObject();
            e.put("epoch", p.epoch());
            Json.put(e, "train_loss_per_word", p.trainLoss());
            Json.put(e, s.heldOutSide() + "_loss_per_word", p.heldOutLoss());
        }
        Json.put(root, "training_seconds", s.trainingSeconds());
        root.put("stopped_early", s.stopped());
        return root;
    }

    private static void scores(ObjectNode o, CaptionScoring.Scores s) {
        Json.put(o, "bleu1", s.bleu1());
        Json.put(o, "bleu4", s.bleu4());
        Json.put(o, "exact_match", s.exactMatch());
        ArrayNode p = o.putArray("precisions");
        for (int n = 1; n <= 4; n++) {
            p.add(s.bleu().precision(n));
        }
        Json.put(o, "brevity_penalty", s.bleu().brevityPenalty());
    }

    static ObjectNode details(CaptionSummary s) {
        ObjectNode root = Json.object();
        CaptionData.Counts c = s.counts();
        root.put("image_files", c.imageFiles());
        root.put("other_files_skipped", c.otherFiles());
        root.put("caption_rows", c.captionRows());
        root.put("blank_or_header_rows", c.skippedRows());
        root.putPOJO("rejected", c.rejected());
        root.put("rejected_path", c.rejectedPath());
        root.putPOJO("images", c.images());
        root.putPOJO("captions", c.captions());
        root.put("training_captions_cut", c.truncated());
        root.put("vocabulary", s.vocabulary());
        root.put("test_words", c.words());
        root.put("test_words_unknown", c.unknownWords());
        root.put("parameters", s.parameters());
        root.put("held_out_curve", s.heldOutSide());
        root.put("workers", s.workers());
        root.put("resumed_from", s.resumedFrom());
        return root;
    }

    static Map<String, String> systemNames() {
        return Map.of("beam", "model, beam search", "greedy", "model, greedy", "most_frequent",
                "most frequent training caption", "nearest_neighbour", "nearest training image (pixels)",
                "nearest_neighbour_features", "nearest training image (encoder features)");
    }
}
