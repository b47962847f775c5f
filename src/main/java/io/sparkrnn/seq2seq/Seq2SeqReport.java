package io.sparkrnn.seq2seq;

import io.sparkrnn.core.job.ReportPage;
import io.sparkrnn.core.report.Charts;
import io.sparkrnn.core.report.Html;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.Map;

/**
 * The sequence-to-sequence job's sections of {@code report.html}: whether the network beats
 * copying the pronunciation of the nearest training spelling, how the error grows with the
 * word's length, test words it gets right and wrong, how training went, and what data it saw.
 * The skeleton's frame adds timings, configuration and versions.
 */
final class Seq2SeqReport {
    private Seq2SeqReport() {
    }

    static ReportPage page(Seq2SeqSummary s) {
        Seq2SeqConfig c = s.config();
        ReportPage page = new ReportPage("Sequence to sequence: " + Seq2SeqConfig.describe(c) + "; "
                + (s.sourceTokens() - 3) + " source and " + (s.targetTokens() - 3) + " target tokens, "
                + s.parameters() + " parameters, " + s.workers() + " Spark worker(s). Output: " + c.output().path());
        TransductionErrors beam = s.errors().get("beam");
        TransductionErrors nearest = s.errors().get("nearest_spelling");
        boolean beats = beam.wordErrorRate() < nearest.wordErrorRate();
        page.headline(beats, "Test word error rate " + pct(beam.wordErrorRate()) + ", phoneme error rate "
                + pct(beam.tokenErrorRate()) + " on " + beam.words() + " held-out words, " + (beats ? "below" : "not below")
                + " the nearest-spelling baseline's " + pct(nearest.wordErrorRate()) + ".");
        systems(page.section("Model against the baseline"), s);
        lengths(page.section("Error by word length"), s);
        examples(page.section("Test words, right and wrong"), s);
        training(page.section("Training"), s);
        data(page.section("Data"), s);
        return page;
    }

    private static String pct(double v) {
        return Html.fmt(100 * v, 2) + "%";
    }

    private static void systems(StringBuilder h, Seq2SeqSummary s) {
        h.append("<p>All on the same held-out test words (split by word: no pronunciation of a test word was "
                + "trained on). A word is right when the output equals any of its pronunciations; the phoneme "
                + "error rate is the edit distance to the closest pronunciation over that pronunciation's length, "
                + "summed over the words. Beam width ").append(s.config().decode().beamWidth()).append(": ")
                .append(s.beamDiffers()).append(" of the words get a beam output different from the greedy one.</p>\n"
                        + "<table><tr><th class=\"l\">outputs by</th><th>word error rate</th>"
                        + "<th>phoneme error rate</th><th>wrong words</th><th>edits</th></tr>\n");
        Map<String, String> names = Seq2SeqJson.systemNames();
        for (String k : Seq2SeqSummary.SYSTEMS) {
            TransductionErrors e = s.errors().get(k);
            h.append("<tr><td class=\"l\">").append(Html.esc(names.get(k))).append("</td><td>")
                    .append(pct(e.wordErrorRate())).append("</td><td>").append(pct(e.tokenErrorRate()))
                    .append("</td><td>").append(e.wrongWords()).append(" of ").append(e.words()).append("</td><td>")
                    .append(e.edits()).append("</td></tr>\n");
        }
        h.append("</table>\n<p>For scale, on CMUdict with other splits: Rao et al. (ICASSP 2015) report a 25.8% word "
                + "error rate with a deep bidirectional LSTM, 21.3% combined with an n-gram model.</p>\n");
    }

    private static void lengths(StringBuilder h, Seq2SeqSummary s) {
        XYSeriesCollection series = new XYSeriesCollection();
        Map<String, String> names = Seq2SeqJson.systemNames();
        for (String k : Seq2SeqSummary.SYSTEMS) {
            TransductionErrors e = s.errors().get(k);
            XYSeries x = new XYSeries(names.get(k));
            for (int n = 1; n <= TransductionErrors.LONGEST_COUNTED; n++) {
                if (e.wordsOfLength(n) >= 10) {
                    x.add(n, 100 * e.wordErrorRateOfLength(n));
                }
            }
            series.addSeries(x);
        }
        Html.image(h, () -> {
            JFreeChart chart = ChartFactory.createXYLineChart("Word error rate by source length", "source tokens "
                    + "(" + TransductionErrors.LONGEST_COUNTED + " = that many or more)", "% of words wrong", series,
                    PlotOrientation.VERTICAL, true, false, false);
            Charts.style(chart);
            return chart;
        });
        h.append("<p>Lengths with at least 10 test words. A longer word has more phonemes to get right, and its "
                + "start is further from the context the decoder reads.</p>\n");
    }

    private static void examples(StringBuilder h, Seq2SeqSummary s) {
        h.append("<table><tr><th class=\"l\">word</th><th class=\"l\">pronunciations</th>"
                + "<th class=\"l\">model (beam)</th><th class=\"l\">model (greedy)</th>"
                + "<th class=\"l\">nearest training spelling</th></tr>\n");
        for (Seq2SeqSummary.Example e : s.examples()) {
            h.append("<tr><td class=\"l\">").append(Html.esc(e.word())).append("</td><td class=\"l\">")
                    .append(Html.esc(String.join(" | ", e.references()))).append("</td><td class=\"l\">")
                    .append(e.right() ? "<b>" : "<span class=\"bad\">").append(Html.esc(e.beam()))
                    .append(e.right() ? "</b>" : "</span>").append("</td><td class=\"l\">").append(Html.esc(e.greedy()))
                    .append("</td><td class=\"l\">").append(Html.esc(e.nearestSpelling())).append(": ")
                    .append(Html.esc(e.nearest())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void training(StringBuilder h, Seq2SeqSummary s) {
        XYSeries train = new XYSeries("training loss");
        XYSeries held = new XYSeries(s.heldOutSide() + " loss");
        for (Seq2SeqSummary.EpochPoint p : s.curve()) {
            train.add(p.epoch(), p.trainLoss());
            if (Double.isFinite(p.heldOutLoss())) {
                held.add(p.epoch(), p.heldOutLoss());
            }
        }
        XYSeriesCollection series = new XYSeriesCollection(train);
        series.addSeries(held);
        Html.image(h, () -> {
            JFreeChart chart = ChartFactory.createXYLineChart("Loss per target token", "epoch", "nats per token",
                    series, PlotOrientation.VERTICAL, true, false, false);
            Charts.style(chart);
            return chart;
        });
        h.append("<p>").append(s.curve().size()).append(" epoch(s), ").append(Html.fmt(s.trainingSeconds(), 1))
                .append(" s of training").append(s.stopped() ? " (stopped by the time limit)" : "")
                .append("; decoding the test words took ").append(Html.fmt(s.decodeSeconds(), 1)).append(" s. The ")
                .append(s.heldOutSide()).append(" loss is measured with the true previous tokens (teacher forcing); "
                        + "nothing is chosen on it.</p>\n");
    }

    private static void data(StringBuilder h, Seq2SeqSummary s) {
        Seq2SeqData.Counts c = s.counts();
        h.append("<table><tr><th class=\"l\"></th><th>train</th><th>validation</th><th>test</th></tr>\n");
        h.append("<tr><td class=\"l\">words</td>");
        c.words().values().forEach(v -> h.append("<td>").append(v).append("</td>"));
        h.append("</tr>\n<tr><td class=\"l\">pairs (pronunciations)</td>");
        c.pairs().values().forEach(v -> h.append("<td>").append(v).append("</td>"));
        h.append("</tr>\n</table>\n<p>").append(c.lines()).append(" lines read, ").append(c.skipped())
                .append(" blank or comment lines. ").append(c.unknownSourceTokens()).append(" of the ")
                .append(c.sourceTokens()).append(" source tokens of the test words never occur in training.</p>\n");
        long rejected = c.rejected().values().stream().mapToLong(Long::longValue).sum();
        if (rejected > 0) {
            h.append("<p class=\"bad\">").append(rejected).append(" rejected: ").append(Html.esc(c.rejected()
                    .toString())).append(", kept in ").append(Html.esc(c.rejectedPath())).append(".</p>\n");
        }
    }
}
