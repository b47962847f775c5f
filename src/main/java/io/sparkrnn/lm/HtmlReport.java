package io.sparkrnn.lm;

import io.sparkrnn.core.job.ReportPage;
import io.sparkrnn.core.report.Html;

import java.util.Locale;

/**
 * The language model's sections of {@code report.html}: whether the model learned (against the
 * n-gram baselines), how training went, what the model writes, how far back gradients reach,
 * and what text it saw. The skeleton's frame adds timings, configuration and versions.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static ReportPage page(RunSummary run) {
        LmConfig c = run.config();
        ReportPage page = new ReportPage(c.model().layers() + " x " + c.model().hiddenSize() + " "
                + c.model().cell().name() + ", " + c.data().level().name().toLowerCase(Locale.ROOT)
                + " level, vocabulary of " + run.vocabularySize() + ", trained on " + run.corpus().inputs().size()
                + " file(s) with " + run.workers() + " Spark worker(s). Output: " + c.output().path());
        EpochMetrics last = run.last();
        Baselines b = run.baselines();
        boolean good = run.beatsBigram();
        page.headline(good, String.format(Locale.ROOT, "Validation loss %.4f nats per token (%.3f bits per "
                        + "character, perplexity %.2f, top-1 accuracy %.1f%%): %s the bigram baseline (%.4f) by %.4f "
                        + "nats.", last.validationLoss(), last.bitsPerCharacter(), last.perplexity(),
                100 * last.accuracy(), good ? "below" : "NOT below", b.bigramNats(),
                Math.abs(b.bigramNats() - last.validationLoss())));
        baselines(page.section("Model against baselines"), run);
        Html.image(page.section("Learning curve"), () -> LmCharts.learningCurve(run));
        epochs(page.section("Epochs"), run);
        samples(page.section("Samples"), run);
        training(page.section("Training"), run);
        if (!run.gradientFlow().isEmpty()) {
            gradients(page.section("Vanishing gradients"), run);
        }
        data(page.section("Data"), run.corpus());
        return page;
    }

    private static void baselines(StringBuilder h, RunSummary run) {
        Baselines b = run.baselines();
        EpochMetrics last = run.last();
        double perChar = last.tokensPerCharacter() / Math.log(2);
        h.append("<p>All scored on the same ").append(String.format(Locale.ROOT, "%,d", b.tokens()))
                .append(" validation targets (the last ").append(Html.fmt(100 * run.config().data().validationFraction(), 0))
                .append("% of the corpus). Baselines are counted on the training part: unigram with add-one "
                        + "smoothing, bigram with Witten-Bell interpolation.</p>\n")
                .append("<table><tr><th class=\"l\">predictor</th><th>nats/token</th><th>bits/char</th>"
                        + "<th>perplexity</th><th>top-1 accuracy</th></tr>\n");
        row(h, "uniform", b.uniformNats(), perChar, Double.NaN);
        row(h, "unigram", b.unigramNats(), perChar, b.unigramAccuracy());
        row(h, "bigram", b.bigramNats(), perChar, b.bigramAccuracy());
        row(h, "<b>this model</b>", last.validationLoss(), perChar, last.accuracy());
        h.append("</table>\n");
    }

    private static void epochs(StringBuilder h, RunSummary run) {
        boolean averaged = run.config().training().averageRounds() > 0;
        if (averaged) {
            h.append("<p>The model is the weight average (training.average-rounds = ")
                    .append(run.config().training().averageRounds())
                    .append("): its validation loss, and beside it that of the last round's parameters.</p>\n");
        }
        h.append("<table><tr><th>epoch</th><th>rounds</th><th>training loss</th><th>validation loss</th>")
                .append(averaged ? "<th>last round's weights</th>" : "")
                .append("<th>bits/char</th><th>perplexity</th><th>accuracy</th><th>trained tokens</th>"
                        + "<th>training time</th><th>evaluation</th></tr>\n");
        for (EpochMetrics m : run.epochs()) {
            h.append("<tr><td>").append(m.epoch()).append(m.complete() ? "" : " (partial)")
                    .append("</td><td>").append(m.rounds()).append('/').append(m.roundsInEpoch())
                    .append("</td><td>").append(Html.fmt(m.trainLoss(), 4))
                    .append("</td><td>").append(Html.fmt(m.validationLoss(), 4));
            if (averaged) {
                h.append("</td><td>").append(m.unaveragedLoss() == null ? "" : Html.fmt(m.unaveragedLoss(), 4));
            }
            h.append("</td><td>").append(Html.fmt(m.bitsPerCharacter(), 3))
                    .append("</td><td>").append(Html.fmt(m.perplexity(), 2))
                    .append("</td><td>").append(Html.fmt(100 * m.accuracy(), 1)).append('%')
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", m.trainedTokens()))
                    .append("</td><td>").append(minutes(m.trainingSeconds()))
                    .append("</td><td>").append(Html.fmt(m.evaluationSeconds(), 1)).append(" s</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void samples(StringBuilder h, RunSummary run) {
        h.append("<p>Generated after each epoch from the same prime, temperature ")
                .append(Html.fmt(run.config().eval().sampleTemperature(), 2)).append(".</p>\n");
        for (EpochMetrics m : run.epochs()) {
            h.append("<h3>After epoch ").append(m.epoch()).append("</h3>\n<pre>")
                    .append(Html.esc(run.config().eval().samplePrime())).append("<b>").append(Html.esc(m.sample()))
                    .append("</b></pre>\n");
        }
    }

    private static void training(StringBuilder h, RunSummary run) {
        h.append("<table>");
        Html.kv(h, "characters per second", String.format(Locale.ROOT, "%,.0f", run.charactersPerSecond()));
        Html.kv(h, "tokens per second", String.format(Locale.ROOT, "%,.0f", run.tokensPerSecond()));
        Html.kv(h, "training time", minutes(run.trainingSeconds()));
        Html.kv(h, "averaging rounds", String.valueOf(run.rounds().size()));
        Html.kv(h, "workers x minibatch x averaging frequency", run.workers() + " x "
                + run.config().training().batchSizePerWorker() + " x " + run.config().training().averagingFrequency());
        Html.kv(h, "stopped by the time limit", run.stoppedByTimeLimit() ? "yes" : "no");
        if (!run.resumedFrom().isEmpty()) {
            Html.kv(h, "resumed from", Html.esc(run.resumedFrom()));
        }
        h.append("</table>\n");
        Html.image(h, () -> LmCharts.throughput(run));
    }

    private static void gradients(StringBuilder h, RunSummary run) {
        h.append("<p>The loss at the last step T of validation windows alone, backpropagated to the input of every "
                + "earlier step k: how much of a training signal reaches k steps back. Dashed: each cell freshly "
                + "initialised the way this run's network was; solid: this run's network after training.</p>\n");
        Html.image(h, () -> LmCharts.gradientFlow(run));
        int far = run.gradientFlow().get(0).norms().length - 1;
        h.append("<table><tr><th class=\"l\">network</th><th>10 steps back</th><th>").append(far)
                .append(" steps back</th></tr>\n");
        for (var p : run.gradientFlow()) {
            h.append("<tr><td class=\"l\">").append(Html.esc(p.label())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2e", p.relative(Math.min(10, far))))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2e", p.relative(far)))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p>Each cell: the gradient norm that far back relative to the last step's own.</p>\n");
    }

    private static void data(StringBuilder h, CorpusStats c) {
        h.append("<table>");
        for (CorpusStats.InputFile f : c.inputs()) {
            Html.kv(h, Html.esc(f.path()), String.format(Locale.ROOT, "%,d bytes", f.bytes()));
        }
        Html.kv(h, "lines / characters", String.format(Locale.ROOT, "%,d / %,d", c.lines(), c.characters()));
        Html.kv(h, "training / validation characters", String.format(Locale.ROOT, "%,d / %,d",
                c.trainCharacters(), c.validationCharacters()));
        Html.kv(h, "training / validation tokens", String.format(Locale.ROOT, "%,d / %,d", c.trainTokens(),
                c.validationTokens()));
        Html.kv(h, "unknown-word tokens in training", String.format(Locale.ROOT, "%,d", c.unknownTrainTokens()));
        Html.kv(h, "invalid UTF-8 sequences (read as U+FFFD)", String.format(Locale.ROOT, "%,d",
                c.replacementCharacters()));
        Html.kv(h, "sequence length / training windows / batch files", c.sequenceLength() + " / "
                + String.format(Locale.ROOT, "%,d / %,d", c.trainWindows(), c.trainBatchFiles()));
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, double nats, double perChar, double accuracy) {
        h.append("<tr><td class=\"l\">").append(name).append("</td><td>").append(Html.fmt(nats, 4))
                .append("</td><td>").append(Html.fmt(nats * perChar, 3))
                .append("</td><td>").append(Html.fmt(Math.exp(nats), 2))
                .append("</td><td>").append(Double.isNaN(accuracy) ? "" : Html.fmt(100 * accuracy, 1) + "%")
                .append("</td></tr>\n");
    }

    private static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, Math.round(seconds) % 60);
    }
}
