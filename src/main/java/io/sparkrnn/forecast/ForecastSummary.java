package io.sparkrnn.forecast;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a finished forecasting run reports: what ran (configuration, versions, Spark),
 * on what (the input as read: rows, rejections by kind, series and what assembly did to them),
 * how the fits went, and the backtest's error sums for the model and every baseline. The
 * source of metrics.json, run.json and report.html.
 *
 * @param errors error sums by {@code predictor|scope} (see {@link io.sparkrnn.forecast.ErrorKeys})
 * @param plots  the series drawn in the report, with their backtest rows
 */
public record ForecastSummary(ForecastConfig config, InputStats input, List<SeriesStats> series, List<FoldPlan> folds,
                              List<FitStats> fits, FitStats finalFit, Map<String, ForecastErrors> errors,
                              List<SeriesPlot> plots, int workers) {

    public ForecastSummary {
        series = List.copyOf(series);
        folds = List.copyOf(folds);
        fits = List.copyOf(fits);
        errors = Map.copyOf(errors);
        plots = List.copyOf(plots);
    }

    /**
     * The input as read.
     *
     * @param rows       rows read (a wide row counts once per series column)
     * @param rejected   rejected rows by kind ({@link io.sparkrnn.forecast.RowParser#KINDS})
     * @param skipped    lines that are not rows, by kind: blank lines, and header lines (one per
     *                   CSV file, more where files were joined)
     */
    public record InputStats(List<String> files, long bytes, long rows, Map<String, Long> rejected,
                             String rejectedPath, Map<String, Long> skipped) {
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One series as assembled: its span and what was done to it; {@code excluded} says why it
     * was left out ("" when used).
     */
    public record SeriesStats(String id, int length, long firstDay, long lastDay, int duplicates, int missing,
                              int filled, int dropped, String excluded) implements java.io.Serializable {
    }

    /** One fit of the network: at which fold and origin, on how many windows, and its loss per epoch. */
    public record FitStats(int fold, long originDay, long windows, List<Double> epochLosses, double seconds,
                           boolean stoppedByLimit) {
    }

    /** A series drawn in the report: its values and its backtest forecasts. */
    public record SeriesPlot(String id, long[] days, double[] values, List<ForecastRow> rows) {
    }

    /** The error sums of a predictor in a scope, or null when it has none there. */
    public ForecastErrors errors(String predictor, String scope) {
        return errors.get(predictor + "|" + scope);
    }

    /** What the run achieved, in one line. */
    public String outcome() {
        ForecastErrors model = errors("model", ForecastMetricsJson.OVERALL);
        ForecastErrors naive = errors("naive", ForecastMetricsJson.OVERALL);
        ForecastErrors seasonal = errors("seasonal_naive", ForecastMetricsJson.OVERALL);
        return String.format(Locale.ROOT, "%d forecasts; MAPE model %s%%, naive %s%%, seasonal naive %s%%; skill vs "
                        + "naive %.3f", model.count(), pct(model), pct(naive), pct(seasonal),
                naive == null ? Double.NaN : model.skillAgainst(naive));
    }

    private static String pct(ForecastErrors e) {
        return e == null ? "n/a" : String.format(Locale.ROOT, "%.3f", e.mape());
    }
}
