package io.sparkrnn.classify;

import io.sparkrnn.core.report.Charts;

import io.sparkrnn.core.job.ReportPage;

import io.sparkrnn.core.job.ReportPage;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nd4j.evaluation.classification.ConfusionMatrix;

import java.awt.Color;

import static io.sparkrnn.core.report.Html.esc;
import static io.sparkrnn.core.report.Html.fmt;
import static io.sparkrnn.core.report.Html.image;
import static io.sparkrnn.core.report.Html.kv;

/**
 * The classification job's sections of {@code report.html}: whether the recurrent model beats
 * the answers that ignore the order of the steps, then where it errs (per class and in the
 * confusion matrix), how training went, and what data it saw. The skeleton's frame adds
 * timings, configuration and versions.
 */
public final class ClassifyReport {
    private ClassifyReport() {
    }

    public static ReportPage page(ClassifySummary s) {
        ClassifyConfig c = s.config();
        ReportPage page = new ReportPage(c.model().layers() + " x " + c.model().hiddenSize() + " "
                + c.model().cell().name() + " many-to-one classifier, " + s.classes().size() + " classes, "
                + s.featureColumns().size() + " feature(s) per step, " + s.parameters() + " parameters, "
                + s.workers() + " Spark worker(s). Output: " + c.output().path());
        double best = Math.max(s.baselines().majorityAccuracy(), s.baselines().centroidAccuracy());
        boolean beats = s.accuracy() > best;
        page.headline(beats, "Test accuracy " + fmt(100 * s.accuracy(), 1) + "% on " + s.test().usable()
                + " test sequences (macro F1 " + fmt(s.macroF1(), 3) + "), " + (beats ? "above" : "not above")
                + " the best baseline's " + fmt(100 * best, 1) + "%.");
        baselines(page.section("Model against baselines"), s);
        perClass(page.section("Per class"), s);
        confusion(page.section("Confusion matrix"), s);
        training(page.section("Training"), s);
        data(page.section("Data"), s);
        return page;
    }

    private static void baselines(StringBuilder h, ClassifySummary s) {
        h.append("<p>All on the same test sequences. The nearest-centroid "
                + "baseline sees each sequence's time-averaged features but not their order: a recurrent model "
                + "that does not beat it has not used the order of the steps.</p>\n<table><tr><th class=\"l\">"
                + "predictor</th><th>test accuracy</th></tr>\n");
        row(h, "recurrent model (" + esc(s.config().model().cell().name()) + ")", s.accuracy());
        row(h, "nearest class centroid of the time-averaged features", s.baselines().centroidAccuracy());
        row(h, "majority class (always '" + esc(s.baselines().majorityLabel()) + "')",
                s.baselines().majorityAccuracy());
        h.append("</table>\n<p>Training-set accuracy of the final model: ").append(fmt(100 * s.trainAccuracy(), 1))
                .append("% (far above the test accuracy means over-fitting). Test cross-entropy ")
                .append(fmt(s.testNats(), 4)).append(" nats per sequence.</p>\n");
    }

    private static void perClass(StringBuilder h, ClassifySummary s) {
        h.append("<table><tr><th class=\"l\">class</th><th>precision</th><th>recall</th>"
                + "<th>F1</th><th>test sequences</th><th>training sequences</th></tr>\n");
        for (int k = 0; k < s.classes().size(); k++) {
            String label = s.classes().get(k);
            h.append("<tr><td class=\"l\">").append(esc(label)).append("</td><td>")
                    .append(fmt(s.evaluation().precision(k), 3)).append("</td><td>")
                    .append(fmt(s.evaluation().recall(k), 3)).append("</td><td>")
                    .append(fmt(s.evaluation().f1(k), 3)).append("</td><td>")
                    .append(s.testCounts().getOrDefault(label, 0L)).append("</td><td>")
                    .append(s.trainCounts().getOrDefault(label, 0L)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void confusion(StringBuilder h, ClassifySummary s) {
        h.append("<p>Rows: true class; columns: predicted class; the diagonal counts "
                + "correct answers.</p>\n<table><tr><th class=\"l\">true \\ predicted</th>");
        for (String label : s.classes()) {
            h.append("<th>").append(esc(label)).append("</th>");
        }
        h.append("</tr>\n");
        ConfusionMatrix<Integer> m = s.evaluation().getConfusionMatrix();
        for (int a = 0; a < s.classes().size(); a++) {
            h.append("<tr><td class=\"l\">").append(esc(s.classes().get(a))).append("</td>");
            for (int p = 0; p < s.classes().size(); p++) {
                int n = m.getCount(a, p);
                h.append(a == p ? "<td><b>" : "<td>").append(n == 0 ? "" : String.valueOf(n))
                        .append(a == p ? "</b></td>" : "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void training(StringBuilder h, ClassifySummary s) {
        h.append("<p>").append(s.epochs().size()).append(" epoch(s) in ")
                .append(fmt(s.trainingSeconds(), 1)).append(" s")
                .append(s.stoppedByLimit() ? ", stopped by training.time-limit-minutes" : "").append(".</p>\n");
        image(h, () -> learningCurve(s));
    }

    private static void data(StringBuilder h, ClassifySummary s) {
        h.append("<table><tr><th class=\"l\"></th><th>training</th><th>test</th></tr>\n");
        dataRow(h, "files", s.train().files().size(), s.test().files().size());
        dataRow(h, "rows", s.train().rows(), s.test().rows());
        dataRow(h, "rejected rows", s.train().rejectedRows(), s.test().rejectedRows());
        dataRow(h, "blank or header lines (not rows)", skipped(s.train()), skipped(s.test()));
        dataRow(h, "sequences", s.train().sequences(), s.test().sequences());
        dataRow(h, "refused sequences", s.train().refused(), s.test().refused());
        dataRow(h, "sequences used", s.train().usable(), s.test().usable());
        dataRow(h, "cut to data.max-length", s.train().truncated(), s.test().truncated());
        h.append("<tr><td class=\"l\">length min / mean / max</td><td>").append(lengths(s.train())).append("</td><td>")
                .append(lengths(s.test())).append("</td></tr>\n</table>\n");
        refused(h, s.train());
        refused(h, s.test());
        h.append("<table>\n");
        kv(h, "train", esc(String.join(", ", s.train().files())));
        kv(h, "test", esc(String.join(", ", s.test().files())));
        kv(h, "feature columns", esc(String.join(", ", s.featureColumns())));
        h.append("</table>\n");
    }

    private static long skipped(ClassifySummary.Side side) {
        return side.skipped().values().stream().mapToLong(Long::longValue).sum();
    }

    private static void row(StringBuilder h, String name, double accuracy) {
        h.append("<tr><td class=\"l\">").append(name).append("</td><td>").append(fmt(100 * accuracy, 1))
                .append("%</td></tr>\n");
    }

    private static void dataRow(StringBuilder h, String name, long train, long test) {
        h.append("<tr><td class=\"l\">").append(name).append("</td><td>").append(train).append("</td><td>")
                .append(test).append("</td></tr>\n");
    }

    private static String lengths(ClassifySummary.Side side) {
        return side.minLength() + " / " + fmt(side.meanLength(), 1) + " / " + side.maxLength();
    }

    private static void refused(StringBuilder h, ClassifySummary.Side side) {
        if (side.refused() == 0 && side.rejectedRows() == 0) {
            return;
        }
        h.append("<p class=\"bad\">").append(esc(side.key())).append(": ").append(side.rejectedRows())
                .append(" rejected row(s)").append(side.rejectedRows() > 0 ? " (in " + esc(side.rejectedPath()) + ")"
                        : "").append(", ").append(side.refused()).append(" refused sequence(s)")
                .append(side.refused() > 0 ? ", e.g.:" : ".").append("</p>\n");
        if (!side.refusedExamples().isEmpty()) {
            h.append("<pre>").append(esc(String.join("\n", side.refusedExamples()))).append("</pre>\n");
        }
    }

    /** Training loss per epoch and test accuracy when measured, on two axes. */
    static JFreeChart learningCurve(ClassifySummary s) {
        XYSeries loss = new XYSeries("training loss (nats)");
        XYSeries accuracy = new XYSeries("test accuracy");
        for (ClassifySummary.EpochPoint e : s.epochs()) {
            loss.add(e.epoch(), e.trainLoss());
            if (Double.isFinite(e.testAccuracy())) {
                accuracy.add(e.epoch(), e.testAccuracy());
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Learning curve", "epoch", "training loss (nats)",
                new XYSeriesCollection(loss), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, false);
        lossRenderer.setSeriesPaint(0, new Color(0x08519c));
        plot.setRenderer(0, lossRenderer);
        NumberAxis right = new NumberAxis("test accuracy");
        right.setRange(0, 1);
        plot.setRangeAxis(1, right);
        plot.setDataset(1, new XYSeriesCollection(accuracy));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer accuracyRenderer = new XYLineAndShapeRenderer(true, true);
        accuracyRenderer.setSeriesPaint(0, new Color(0xd94801));
        plot.setRenderer(1, accuracyRenderer);
        Charts.style(chart);
        return chart;
    }
}
