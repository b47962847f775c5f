package io.sparkrnn.caption;


import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the evaluation measures of a captioning system (the model's greedy and beam captions,
 * each baseline) on the test images: corpus BLEU-1 and BLEU-4 against all references of each
 * image, and the share of images whose caption equals one of its references word for word.
 */
public final class CaptionScoring {
    private CaptionScoring() {
    }

    /** A system's scores on the test images. */
    public record Scores(double bleu1, double bleu4, double exactMatch, long images, Bleu.Score bleu)
            implements Serializable {
    }

    /** The scores of captions, one per test image, in the order of {@code references}. */
    public static Scores score(List<String> captions, List<List<String>> references, boolean lowercase) {
        Bleu.Counts counts = Bleu.Counts.empty(4);
        long exact = 0;
        for (int i = 0; i < captions.size(); i++) {
            List<String> candidate = CaptionVocabulary.words(captions.get(i) == null ? "" : captions.get(i), lowercase);
            List<List<String>> refs = new ArrayList<>();
            for (String r : references.get(i)) {
                refs.add(CaptionVocabulary.words(r, lowercase));
            }
            counts = counts.merge(Bleu.Counts.of(candidate, refs, 4));
            if (refs.contains(candidate)) {
                exact++;
            }
        }
        Bleu.Score s = counts.score();
        Bleu.Score unigram = firstOrder(counts).score();
        return new Scores(unigram.bleu(), s.bleu(), captions.isEmpty() ? 0 : (double) exact / captions.size(),
                captions.size(), s);
    }

    /** The unigram part of corpus counts, for BLEU-1 with the same brevity penalty. */
    private static Bleu.Counts firstOrder(Bleu.Counts c) {
        return new Bleu.Counts(new long[] {c.matches()[0]}, new long[] {c.totals()[0]}, c.candidateLength(),
                c.referenceLength());
    }

    /** BLEU-1 of one image's caption, which ranks the gallery's best and worst. */
    public static double sentenceBleu1(String caption, List<String> references, boolean lowercase) {
        List<List<String>> refs = references.stream().map(r -> CaptionVocabulary.words(r, lowercase)).toList();
        return Bleu.Counts.of(CaptionVocabulary.words(caption, lowercase), refs, 1).score().bleu();
    }

    /** The scores of several systems, in the order given. */
    public static Map<String, Scores> all(Map<String, List<String>> systems, List<List<String>> references,
                                          boolean lowercase) {
        Map<String, Scores> out = new LinkedHashMap<>();
        systems.forEach((name, captions) -> out.put(name, score(captions, references, lowercase)));
        return out;
    }
}
