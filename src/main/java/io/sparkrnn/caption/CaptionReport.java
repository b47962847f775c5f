package io.sparkrnn.caption;

import io.sparkrnn.core.job.ReportPage;
import io.sparkrnn.core.report.Charts;
import io.sparkrnn.core.report.Html;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.List;
import java.util.Map;

/**
 * The captioning job's sections of {@code report.html}: whether the captioner beats captions
 * that ignore the image (the most frequent one) or only copy a similar image's (nearest
 * neighbour), a gallery of test images with what each system says, how training went, and what
 * data it saw. The skeleton's frame adds timings, configuration and versions.
 */
final class CaptionReport {
    private static final List<String> ORDER = List.of("beam", "greedy", "nearest_neighbour_features",
            "nearest_neighbour", "most_frequent");

    private CaptionReport() {
    }

    static ReportPage page(CaptionSummary s) {
        CaptionConfig c = s.config();
        ReportPage page = new ReportPage("Image captioner: " + CaptionConfig.describe(c) + " over "
                + s.vocabulary() + " words; " + s.parameters()
                + " parameters, " + s.workers() + " Spark worker(s). Output: " + c.output().path());
        CaptionScoring.Scores beam = s.scores().get("beam");
        double best = Math.max(s.scores().get("most_frequent").bleu4(),
                Math.max(s.scores().get("nearest_neighbour").bleu4(), s.scores().get("nearest_neighbour_features")
                        .bleu4()));
        boolean beats = beam.bleu4() > best;
        page.headline(beats, "Test BLEU-4 " + Html.fmt(beam.bleu4(), 4) + " (BLEU-1 " + Html.fmt(beam.bleu1(), 4)
                + ", exact match " + Html.fmt(100 * beam.exactMatch(), 1) + "%) on " + beam.images()
                + " held-out images, " + (beats ? "above" : "not above") + " the best baseline's BLEU-4 "
                + Html.fmt(best, 4) + ".");
        systems(page.section("Model against baselines"), s);
        errors(page.section("Where the model errs"), s);
        gallery(page.section("Gallery: best and worst test images"), s);
        training(page.section("Training"), s);
        data(page.section("Data"), s);
        return page;
    }

    private static void systems(StringBuilder h, CaptionSummary s) {
        h.append("<p>All on the same held-out test images (split by ").append(s.config().data().groupColumn()
                .isEmpty() ? "image" : "group '" + Html.esc(s.config().data().groupColumn()) + "'").append(
                "), scored against every reference caption of each image. BLEU is corpus BLEU (Papineni et al. "
                + "2002) without smoothing; exact match counts captions equal, word for word, to one of the "
                + "image's references.</p>\n<table><tr><th class=\"l\">captions by</th><th>BLEU-1</th>"
                + "<th>BLEU-4</th><th>exact match</th><th>precision 1/2/3/4-grams</th><th>brevity penalty</th>"
                + "</tr>\n");
        Map<String, String> names = CaptionJson.systemNames();
        for (String k : ORDER) {
            CaptionScoring.Scores x = s.scores().get(k);
            String name = names.get(k) + (k.equals("most_frequent") ? " ('" + s.frequent() + "')" : "");
            h.append("<tr><td class=\"l\">").append(Html.esc(name)).append("</td><td>").append(Html.fmt(x.bleu1(), 4))
                    .append("</td><td>").append(Html.fmt(x.bleu4(), 4)).append("</td><td>")
                    .append(Html.fmt(100 * x.exactMatch(), 1)).append("%</td><td>");
            for (int n = 1; n <= 4; n++) {
                h.append(n > 1 ? " / " : "").append(Html.fmt(x.bleu().precision(n), 3));
            }
            h.append("</td><td>").append(Html.fmt(x.bleu().brevityPenalty(), 3)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void errors(StringBuilder h, CaptionSummary s) {
        CaptionErrors e = s.errors();
        long images = s.scores().get("beam").images();
        h.append("<p>").append(e.wrong()).append(" of the ").append(images).append(" test images get a beam caption "
                + "equal to none of their references; ").append(e.seenInTraining()).append(" of those wrong captions "
                + "are, word for word, captions of training images: where the image leaves a doubt, the decoder "
                + "may say a caption it has seen rather than compose one.</p>\n");
        if (e.substitutions().isEmpty()) {
            return;
        }
        h.append("<p>The reference words said differently most often (each wrong caption aligned with its nearest "
                + "reference; the words between two words they share count as one phrase):</p>\n<table><tr>"
                + "<th class=\"l\">reference words</th>"
                + "<th class=\"l\">said instead</th><th>times</th></tr>\n");
        for (CaptionErrors.Substitution x : e.substitutions()) {
            h.append("<tr><td class=\"l\">").append(phrase(x.reference())).append("</td><td class=\"l\">")
                    .append(phrase(x.generated())).append("</td><td>").append(x.count()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** A phrase of the errors table; nothing (a word added or left out) shown as such. */
    private static String phrase(String words) {
        return words.isEmpty() ? "<i>(nothing)</i>" : Html.esc(words);
    }

    private static void gallery(StringBuilder h, CaptionSummary s) {
        h.append("<p>Ranked by the beam caption's BLEU-1 against the image's references; the best first, then the "
                + "worst.</p>\n<table><tr><th class=\"l\">image</th><th class=\"l\">references</th>"
                + "<th class=\"l\">model (beam)</th><th class=\"l\">model (greedy)</th>"
                + "<th class=\"l\">nearest training image's caption</th><th>BLEU-1</th></tr>\n");
        for (CaptionSummary.GalleryItem g : s.gallery()) {
            h.append("<tr><td class=\"l\"><img src=\"").append(g.thumbnail()).append("\" width=\"64\" alt=\"")
                    .append(Html.esc(g.image())).append("\"><br><small>").append(Html.esc(g.image()))
                    .append("</small></td><td class=\"l\">").append(Html.esc(String.join(" | ", g.references())))
                    .append("</td><td class=\"l\"><b>").append(Html.esc(g.beam())).append("</b></td><td class=\"l\">")
                    .append(Html.esc(g.greedy())).append("</td><td class=\"l\">").append(Html.esc(g.nearest()))
                    .append("</td><td>").append(Html.fmt(g.bleu1(), 3)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void training(StringBuilder h, CaptionSummary s) {
        XYSeries train = new XYSeries("training loss");
        XYSeries held = new XYSeries(s.heldOutSide() + " loss");
        for (CaptionSummary.EpochPoint p : s.curve()) {
            train.add(p.epoch(), p.trainLoss());
            if (Double.isFinite(p.heldOutLoss())) {
                held.add(p.epoch(), p.heldOutLoss());
            }
        }
        XYSeriesCollection series = new XYSeriesCollection(train);
        series.addSeries(held);
        Html.image(h, () -> {
            JFreeChart chart = ChartFactory.createXYLineChart("Loss per word", "epoch", "nats per word", series,
                    PlotOrientation.VERTICAL, true, false, false);
            Charts.style(chart);
            return chart;
        });
        h.append("<p>").append(s.curve().size()).append(" epoch(s), ").append(Html.fmt(s.trainingSeconds(), 1))
                .append(" s of training").append(s.stopped() ? " (stopped by the time limit)" : "")
                .append(". The ").append(s.heldOutSide()).append(" loss is measured with the true previous words "
                        + "(teacher forcing); nothing is chosen on it.</p>\n");
    }

    private static void data(StringBuilder h, CaptionSummary s) {
        CaptionData.Counts c = s.counts();
        h.append("<table><tr><th class=\"l\"></th><th>train</th><th>validation</th><th>test</th></tr>\n");
        h.append("<tr><td class=\"l\">images</td>");
        c.images().values().forEach(v -> h.append("<td>").append(v).append("</td>"));
        h.append("</tr>\n<tr><td class=\"l\">captions</td>");
        c.captions().values().forEach(v -> h.append("<td>").append(v).append("</td>"));
        h.append("</tr>\n</table>\n<p>").append(c.imageFiles()).append(" image files read (").append(c.otherFiles())
                .append(" other files in the folder skipped), ").append(c.captionRows()).append(" caption rows. ")
                .append(s.vocabulary()).append(" words in the vocabulary (3 reserved); ")
                .append(c.unknownWords()).append(" of the ").append(c.words()).append(" words of the test references ("
                        + Html.fmt(c.words() == 0 ? 0 : 100.0 * c.unknownWords() / c.words(), 1)
                        + "%) never occur in a training caption, so no model can produce them. ")
                .append(c.truncated()).append(" training caption(s) cut at ")
                .append(s.config().data().maxCaptionLength()).append(" words.</p>\n");
        long rejected = c.rejected().values().stream().mapToLong(Long::longValue).sum();
        if (rejected > 0) {
            h.append("<p class=\"bad\">").append(rejected).append(" rejected: ").append(Html.esc(c.rejected()
                    .toString())).append(", kept in ").append(Html.esc(c.rejectedPath())).append(".</p>\n");
        }
    }
}
