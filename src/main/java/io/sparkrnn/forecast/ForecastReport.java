package io.sparkrnn.forecast;

import io.sparkrnn.core.job.ReportPage;

import io.sparkrnn.core.config.ConfigReader;

import java.util.Locale;

import static io.sparkrnn.core.report.Html.esc;
import static io.sparkrnn.core.report.Html.fmt;
import static io.sparkrnn.core.report.Html.image;
import static io.sparkrnn.core.report.Html.kv;

/**
 * The forecasting job's sections of {@code report.html}: they tell an analyst first whether the
 * model beats the forecasts that cost nothing (last value, last season), then where it does and
 * does not (by series, step ahead and fold), and finally what data it saw, so that a good or bad
 * number can be checked against its cause. The skeleton's frame adds timings, configuration and
 * versions.
 */
public final class ForecastReport {
    private static final String OVERALL = ForecastMetricsJson.OVERALL;

    private ForecastReport() {
    }

    public static ReportPage page(ForecastSummary s) {
        ForecastConfig c = s.config();
        long used = s.series().stream().filter(x -> x.excluded().isEmpty()).count();
        ReportPage page = new ReportPage(c.model().layers() + " x " + c.model().hiddenSize() + " "
                + c.model().cell().name() + ", L = " + c.model().inputLength() + " past steps, H = "
                + c.model().horizon() + " step(s) ahead, " + ConfigReader.configName(c.model().transform())
                + " transform, " + used + " series" + (used < s.series().size() ? " (" + (s.series().size() - used)
                + " excluded)" : "") + ", " + s.workers() + " Spark worker(s). Output: " + c.output().path());
        headline(page, s);
        baselines(page.section("Model against baselines"), s);
        bySeries(page.section("By series"), s);
        byStep(page.section("By step ahead"), s);
        folds(page.section("Backtest folds"), s);
        fits(page.section("Fits"), s);
        plots(page.section("Forecasts against actuals"), s);
        input(page.section("Input"), s);
        return page;
    }

    private static void baselines(StringBuilder h, ForecastSummary s) {
        ForecastConfig c = s.config();
        h.append("<p>Walk-forward backtest over ").append(s.folds().size())
                .append(" fold(s): at each origin every predictor forecasts steps 1..").append(c.model().horizon())
                .append(" from the history up to the origin only. MAPE and sMAPE in percent; MASE scales errors by the "
                        + "in-sample mean absolute seasonal difference (below 1: better than that in-sample naive "
                        + "forecast); skill vs naive = 1 - MAE / MAE of the naive forecast (above 0: better).</p>\n")
                .append("<table><tr><th class=\"l\">predictor</th><th>MAE</th><th>RMSE</th><th>MAPE %</th>"
                        + "<th>sMAPE %</th><th>MASE</th><th>skill vs naive</th><th>forecasts</th></tr>\n");
        for (String p : ForecastRow.PREDICTORS) {
            ForecastErrors e = s.errors(p, OVERALL);
            if (e != null) {
                h.append("<tr><td class=\"l\">").append(predictorName(p, c)).append("</td><td>")
                        .append(fmt(e.mae(), 4)).append("</td><td>").append(fmt(e.rmse(), 4)).append("</td><td>")
                        .append(fmt(e.mape(), 2)).append("</td><td>").append(fmt(e.smape(), 2)).append("</td><td>")
                        .append(fmt(e.mase(), 3)).append("</td><td>")
                        .append(fmt(ForecastMetricsJson.skillVsNaive(s, e, OVERALL), 3)).append("</td><td>")
                        .append(count(e.count())).append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void bySeries(StringBuilder h, ForecastSummary s) {
        h.append("<p>Directional accuracy: the share of forecasts that got the direction of the "
                + "move from the origin right, beside the share of moves that were up (what always forecasting "
                + "\"up\" scores).</p>\n<table><tr><th class=\"l\">series</th><th>forecasts</th><th>model MAPE %</th>"
                + "<th>naive MAPE %</th><th>seasonal naive MAPE %</th><th>model skill vs naive</th>"
                + "<th>model directional accuracy (always-up)</th></tr>\n");
        for (String id : ForecastMetricsJson.scopeIds(s, "series:")) {
            String scope = "series:" + id;
            ForecastErrors m = s.errors("model", scope);
            h.append("<tr><td class=\"l\">").append(esc(id)).append("</td><td>")
                    .append(m == null ? "0" : count(m.count())).append("</td>");
            cells(h, s, scope, "model", "naive", "seasonal_naive");
            h.append("<td>").append(fmt(ForecastMetricsJson.skillVsNaive(s, m, scope), 3)).append("</td><td>")
                    .append(m == null ? "n/a" : "directional accuracy " + pct(m.directionalAccuracy())
                            + " (always-up " + pct(m.upRate()) + ")").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void byStep(StringBuilder h, ForecastSummary s) {
        h.append("<table><tr><th>step</th><th>model MAPE %</th><th>naive MAPE %</th>"
                + "<th>model MAE</th><th>naive MAE</th><th>forecasts</th></tr>\n");
        for (String step : ForecastMetricsJson.scopeIds(s, "horizon:")) {
            String scope = "horizon:" + step;
            ForecastErrors m = s.errors("model", scope);
            ForecastErrors n = s.errors("naive", scope);
            h.append("<tr><td>").append(esc(step)).append("</td>");
            cells(h, s, scope, "model", "naive");
            h.append("<td>").append(m == null ? "n/a" : fmt(m.mae(), 4)).append("</td><td>")
                    .append(n == null ? "n/a" : fmt(n.mae(), 4)).append("</td><td>")
                    .append(m == null ? "0" : count(m.count())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void folds(StringBuilder h, ForecastSummary s) {
        h.append("<table><tr><th>fold</th><th>origin</th><th>training start</th>"
                + "<th>fitted at fold</th><th>model MAPE %</th><th>naive MAPE %</th><th>seasonal naive MAPE %</th></tr>\n");
        for (FoldPlan f : s.folds()) {
            h.append("<tr><td>").append(f.index()).append("</td><td>").append(ForecastRunJson.day(f.originDay()))
                    .append("</td><td>").append(ForecastRunJson.day(f.startDay())).append("</td><td>")
                    .append(f.fitFold()).append(f.refits() ? " (this fold)" : "").append("</td>");
            cells(h, s, "fold:" + f.index(), "model", "naive", "seasonal_naive");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void fits(StringBuilder h, ForecastSummary s) {
        h.append("<table><tr><th>fold</th><th>origin</th><th>windows</th><th>epochs</th>"
                + "<th>final training loss</th><th>seconds</th><th>time limit hit</th></tr>\n");
        s.fits().forEach(f -> fitRow(h, String.valueOf(f.fold()), f));
        if (s.finalFit() != null) {
            fitRow(h, "final (all data)", s.finalFit());
        }
        h.append("</table>\n");
        boolean anyLoss = s.fits().stream().anyMatch(f -> !f.epochLosses().isEmpty())
                || s.finalFit() != null && !s.finalFit().epochLosses().isEmpty();
        if (anyLoss) {
            image(h, () -> ForecastCharts.learningCurves(s.fits(), s.finalFit()));
        }
    }

    private static void plots(StringBuilder h, ForecastSummary s) {
        ForecastConfig c = s.config();
        if (s.plots().isEmpty()) {
            h.append("<p>No series drawn (output.plot-series = ").append(c.output().plotSeries())
                    .append(", or no series had backtest forecasts).</p>\n");
        }
        for (ForecastSummary.SeriesPlot p : s.plots()) {
            h.append("<h3>").append(esc(p.id())).append("</h3>\n");
            image(h, () -> ForecastCharts.series(p, c.model().horizon()));
        }
    }

    /** Whether the model's overall MAPE is below the seasonal-naive and the naive baselines'. */
    private static void headline(ReportPage page, ForecastSummary s) {
        ForecastErrors model = s.errors("model", OVERALL);
        if (model == null) {
            page.headline(false, "No model forecasts were scored in the backtest.");
            return;
        }
        boolean seasonalPresent = s.errors("seasonal_naive", OVERALL) != null;
        boolean beatsSeasonal = ForecastMetricsJson.beats(s, "seasonal_naive");
        boolean beatsNaive = ForecastMetricsJson.beats(s, "naive");
        boolean good = beatsNaive && (beatsSeasonal || !seasonalPresent);
        page.headline(good, "Model MAPE " + pct100(model.mape()) + " over " + count(model.count()) + " forecasts: "
                + clause(s, "seasonal_naive", "seasonal-naive", beatsSeasonal) + " and "
                + clause(s, "naive", "naive", beatsNaive) + ".");
    }

    private static String clause(ForecastSummary s, String key, String name, boolean below) {
        ForecastErrors e = s.errors(key, OVERALL);
        if (e == null) {
            return "no " + name + " forecasts to compare with";
        }
        return "<span class=\"" + (below ? "good" : "bad") + "\">" + (below ? "below" : "NOT below") + " the "
                + name + " baseline (" + pct100(e.mape()) + ")</span>";
    }

    private static void input(StringBuilder h, ForecastSummary s) {
        ForecastSummary.InputStats in = s.input();
        h.append("<table>");
        in.files().forEach(f -> kv(h, "file", esc(f)));
        kv(h, "bytes", count(in.bytes()));
        kv(h, "rows read", count(in.rows()));
        kv(h, "rows rejected", count(in.rejectedTotal()));
        kv(h, "rejected rows written to", in.rejectedTotal() == 0 || in.rejectedPath() == null
                || in.rejectedPath().isEmpty() ? "none" : esc(in.rejectedPath()));
        h.append("</table>\n<h3>Rejected rows by kind</h3>\n<table><tr><th class=\"l\">kind</th><th>rows</th></tr>\n");
        ForecastRunJson.rejectedByKind(in).forEach((k, v) -> kv(h, esc(k), count(v)));
        h.append("</table>\n<h3>Series excluded</h3>\n");
        if (s.series().stream().allMatch(x -> x.excluded().isEmpty())) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr><th class=\"l\">series</th><th class=\"l\">reason</th></tr>\n");
            s.series().stream().filter(x -> !x.excluded().isEmpty()).forEach(x -> h.append("<tr><td class=\"l\">")
                    .append(esc(x.id())).append("</td><td class=\"l\">").append(esc(x.excluded())).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        h.append("<h3>Series as assembled</h3>\n<table><tr><th class=\"l\">series</th><th>values</th><th>first</th>"
                + "<th>last</th><th>duplicate times</th><th>missing</th><th>filled</th><th>dropped</th></tr>\n");
        for (ForecastSummary.SeriesStats x : s.series()) {
            h.append("<tr><td class=\"l\">").append(esc(x.id())).append("</td><td>").append(x.length())
                    .append("</td><td>").append(ForecastRunJson.day(x.firstDay())).append("</td><td>")
                    .append(ForecastRunJson.day(x.lastDay())).append("</td><td>").append(x.duplicates())
                    .append("</td><td>").append(x.missing()).append("</td><td>").append(x.filled())
                    .append("</td><td>").append(x.dropped()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void fitRow(StringBuilder h, String fold, ForecastSummary.FitStats f) {
        h.append("<tr><td>").append(esc(fold)).append("</td><td>").append(ForecastRunJson.day(f.originDay()))
                .append("</td><td>").append(count(f.windows())).append("</td><td>").append(f.epochLosses().size())
                .append("</td><td>").append(fmt(ForecastRunJson.finalLoss(f), 5)).append("</td><td>")
                .append(fmt(f.seconds(), 1)).append("</td><td>").append(f.stoppedByLimit() ? "yes" : "no")
                .append("</td></tr>\n");
    }

    /** One MAPE cell per predictor, "n/a" where it has no forecasts in the scope. */
    private static void cells(StringBuilder h, ForecastSummary s, String scope, String... predictors) {
        for (String p : predictors) {
            ForecastErrors e = s.errors(p, scope);
            h.append("<td>").append(e == null ? "n/a" : fmt(e.mape(), 2)).append("</td>");
        }
    }

    private static String predictorName(String p, ForecastConfig c) {
        return switch (p) {
            case "model" -> "<b>this model</b>" + (c.model().strategy() == ForecastConfig.Strategy.SEQ2SEQ
                    ? " (encoder-decoder)" : "");
            case "direct" -> "direct-output network of the same size (fitted for comparison)";
            case "naive" -> "naive (last value)";
            case "seasonal_naive" -> "seasonal naive (m = " + c.backtest().season() + ")";
            case "drift" -> "drift (first-to-last line)";
            case "mean" -> "mean of the history";
            case "moving_average" -> "moving average (last " + c.backtest().movingAverageWindow() + ")";
            default -> esc(p);
        };
    }

    /** A share (0..1) as a percentage. */
    private static String pct(double share) {
        return Double.isFinite(share) ? fmt(100 * share, 1) + "%" : "n/a";
    }

    private static String pct100(double percent) {
        return Double.isFinite(percent) ? fmt(percent, 2) + "%" : "n/a";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
