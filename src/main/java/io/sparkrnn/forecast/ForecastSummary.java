package io.sparkrnn.forecast;


import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
public record ForecastSummary(ForecastConfig config, String configText, InputStats input,
                              List<SeriesStats> series, List<FoldPlan> folds, List<FitStats> fits,
                              FitStats finalFit, Map<String, ForecastErrors> errors, List<SeriesPlot> plots,
                              Map<String, Double> phases, Instant started, Instant finished,
                              Map<String, String> versions, Map<String, String> spark, int workers) {

    public ForecastSummary {
        series = List.copyOf(series);
        folds = List.copyOf(folds);
        fits = List.copyOf(fits);
        errors = Map.copyOf(errors);
        plots = List.copyOf(plots);
        phases = Map.copyOf(phases);
        versions = Map.copyOf(versions);
        spark = Map.copyOf(spark);
    }

    /**
     * The input as read.
     *
     * @param rows     rows read (a wide row counts once per series column)
     * @param rejected rejected rows by kind ({@link io.sparkrnn.forecast.RowParser#KINDS})
     */
    public record InputStats(List<String> files, long bytes, long rows, Map<String, Long> rejected,
                             String rejectedPath) {
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

    public double wallSeconds() {
        return Duration.between(started, finished).toMillis() / 1000.0;
    }
}
