package io.sparkrnn.caption;

import java.util.List;
import java.util.Map;

/**
 * What a captioning run found, for metrics.json, run.json and the report: the inputs and what
 * was rejected, the vocabulary, the learning curve, the scores of the model (greedy and beam)
 * and of the baselines on the test images, and the gallery.
 *
 * @param scores    by system: "greedy", "beam", "most_frequent", "nearest_neighbour" (pixels),
 *                  "nearest_neighbour_features" (the encoder's features)
 * @param frequent  the most frequent training caption (the first baseline's answer for every image)
 * @param errors    where the beam captions go wrong
 */
public record CaptionSummary(CaptionConfig config, CaptionData.Counts counts, int vocabulary, long parameters,
                             List<EpochPoint> curve, String heldOutSide, Map<String, CaptionScoring.Scores> scores,
                             String frequent, List<GalleryItem> gallery, CaptionErrors errors,
                             double trainingSeconds, boolean stopped,
                             int workers, String resumedFrom) {
    /** Training loss per word (mean of the epoch's rounds) and the held-out loss per word. */
    public record EpochPoint(int epoch, double trainLoss, double heldOutLoss) {
    }

    /** A test image of the report: its thumbnail, references, the model's and the baselines' captions. */
    public record GalleryItem(String image, String thumbnail, List<String> references, String beam, String greedy,
                              String nearest, double bleu1) {
    }

    /** The log's last line. */
    public String outcome() {
        CaptionScoring.Scores beam = scores.get("beam");
        CaptionScoring.Scores nn = scores.get("nearest_neighbour");
        CaptionScoring.Scores mf = scores.get("most_frequent");
        return String.format(java.util.Locale.ROOT, "test BLEU-4 %.4f, BLEU-1 %.4f, exact %.1f%% (beam); nearest "
                        + "neighbour BLEU-4 %.4f, exact %.1f%%; most frequent caption BLEU-4 %.4f", beam.bleu4(),
                beam.bleu1(), 100 * beam.exactMatch(), nn.bleu4(), 100 * nn.exactMatch(), mf.bleu4());
    }
}
