package io.sparkrnn.seq2seq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.report.Json;

import java.util.Map;

/**
 * {@code metrics.json} and run.json's task section of a sequence-to-sequence run. The model's
 * errors under {@code test} are its beam-search outputs' ({@code test.greedy} the greedy ones');
 * the baseline's under {@code baselines.nearest_spelling}, with the same keys, on the same words.
 */
final class Seq2SeqJson {
    private Seq2SeqJson() {
    }

    static ObjectNode metrics(Seq2SeqSummary s) {
        ObjectNode root = Json.object();
        ObjectNode test = root.putObject("test");
        errors(test, s.errors().get("beam"));
        test.put("beam_width", s.config().decode().beamWidth());
        test.put("beam_differs_from_greedy", s.beamDiffers());
        errors(test.putObject("greedy"), s.errors().get("greedy"));
        ObjectNode nearest = root.putObject("baselines").putObject("nearest_spelling");
        errors(nearest, s.errors().get("nearest_spelling"));
        nearest.put("rule", "the first pronunciation of the training spelling nearest in edit distance");
        root.put("beats_baseline_word_error_rate",
                s.errors().get("beam").wordErrorRate() < s.errors().get("nearest_spelling").wordErrorRate());
        ArrayNode curve = root.putArray("curve");
        for (Seq2SeqSummary.EpochPoint p : s.curve()) {
            ObjectNode e = curve.addObject();
            e.put("epoch", p.epoch());
            Json.put(e, "train_loss_per_token", p.trainLoss());
            Json.put(e, s.heldOutSide() + "_loss_per_token", p.heldOutLoss());
        }
        Json.put(root, "training_seconds", s.trainingSeconds());
        Json.put(root, "decode_seconds", s.decodeSeconds());
        root.put("stopped_early", s.stopped());
        return root;
    }

    private static void errors(ObjectNode o, TransductionErrors e) {
        Json.put(o, "word_error_rate", e.wordErrorRate());
        Json.put(o, "phoneme_error_rate", e.tokenErrorRate());
        o.put("words", e.words());
        o.put("wrong_words", e.wrongWords());
        o.put("edits", e.edits());
        o.put("reference_tokens", e.referenceTokens());
        ObjectNode byLength = o.putObject("word_error_rate_by_source_length");
        for (int n = 1; n <= TransductionErrors.LONGEST_COUNTED; n++) {
            if (e.wordsOfLength(n) > 0) {
                Json.put(byLength, (n == TransductionErrors.LONGEST_COUNTED ? n + "+" : String.valueOf(n)),
                        e.wordErrorRateOfLength(n));
            }
        }
    }

    static ObjectNode details(Seq2SeqSummary s) {
        ObjectNode root = Json.object();
        Seq2SeqData.Counts c = s.counts();
        root.put("lines", c.lines());
        root.put("blank_or_comment_lines", c.skipped());
        root.putPOJO("rejected", c.rejected());
        root.put("rejected_path", c.rejectedPath());
        root.putPOJO("pairs", c.pairs());
        root.putPOJO("words", c.words());
        root.put("source_tokens", s.sourceTokens());
        root.put("target_tokens", s.targetTokens());
        root.put("test_source_tokens_unknown", c.unknownSourceTokens());
        root.put("parameters", s.parameters());
        root.put("held_out_curve", s.heldOutSide());
        root.put("workers", s.workers());
        root.put("resumed_from", s.resumedFrom());
        return root;
    }

    static Map<String, String> systemNames() {
        return Map.of("beam", "model, beam search", "greedy", "model, greedy", "nearest_spelling",
                "nearest training spelling's pronunciation");
    }
}
