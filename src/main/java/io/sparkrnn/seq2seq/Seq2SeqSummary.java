package io.sparkrnn.seq2seq;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a sequence-to-sequence run found, for metrics.json, run.json and the report: the inputs
 * and what was rejected, the token lists, the learning curve, the errors of the model (greedy
 * and beam) and of the nearest-spelling baseline on the test words, and examples.
 *
 * @param errors   by system: "beam", "greedy", "nearest_spelling"
 * @param examples test words the report shows, right ones first
 */
public record Seq2SeqSummary(Seq2SeqConfig config, Seq2SeqData.Counts counts, int sourceTokens, int targetTokens,
                             long parameters, List<EpochPoint> curve, String heldOutSide,
                             Map<String, TransductionErrors> errors, long beamDiffers, List<Example> examples,
                             double trainingSeconds, double decodeSeconds, boolean stopped, int workers,
                             String resumedFrom) {
    /** The systems, in the order the report shows them. */
    public static final List<String> SYSTEMS = List.of("beam", "greedy", "nearest_spelling");

    /** Training loss per target token (mean of the epoch's rounds) and the held-out loss per target token. */
    public record EpochPoint(int epoch, double trainLoss, double heldOutLoss) {
    }

    /** A test word with its references and every system's output. */
    public record Example(String word, String source, List<String> references, String beam, String greedy,
                          String nearest, String nearestSpelling, boolean right) {
    }

    /** The log's last line. */
    public String outcome() {
        TransductionErrors beam = errors.get("beam");
        TransductionErrors greedy = errors.get("greedy");
        TransductionErrors nearest = errors.get("nearest_spelling");
        return String.format(Locale.ROOT, "test word error rate %.2f%%, phoneme error rate %.2f%% (beam width %d; "
                        + "greedy %.2f%%); nearest spelling %.2f%% / %.2f%%, on %d words",
                100 * beam.wordErrorRate(), 100 * beam.tokenErrorRate(), config.decode().beamWidth(),
                100 * greedy.wordErrorRate(), 100 * nearest.wordErrorRate(), 100 * nearest.tokenErrorRate(),
                beam.words());
    }
}
