package io.sparkrnn.forecast;

import io.sparkrnn.core.report.Charts;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TimeZone;

/**
 * The forecasting report's pictures: a series' backtest forecasts against what happened, and
 * how the fits' training losses fell. A whole multi-year series would squeeze the forecasts
 * into a sliver at its right end, so each series chart shows only a window a few times the
 * test span wide, ending at the last forecast.
 */
final class ForecastCharts {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final Color ACTUAL = new Color(0x525252);
    private static final Color MODEL = new Color(0x08519c);
    private static final Color NAIVE = new Color(0xd94801);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ForecastCharts() {
    }

    /**
     * The actual values, the model's forecasts (one path through horizons 1..H per fold; with
     * H = 1 one point per origin, connected) and the naive forecasts (dashed), on a time axis.
     */
    static JFreeChart series(ForecastSummary.SeriesPlot p, int horizon) {
        List<ForecastRow> rows = p.rows().stream()
                .sorted(Comparator.comparingInt(ForecastRow::fold).thenComparingInt(ForecastRow::horizon)).toList();
        long[] window = window(p, rows, horizon);
        XYSeries actual = new XYSeries("actual", false, true);
        for (int i = 0; i < p.days().length; i++) {
            if (p.days()[i] >= window[0] && p.days()[i] <= window[1]) {
                actual.add(millis(p.days()[i]), finiteOrNull(p.values()[i]));
            }
        }
        String pathNote = horizon > 1 ? " (one path per origin, steps 1.." + horizon + ")" : "";
        XYSeries model = new XYSeries("model forecast" + pathNote, false, true);
        XYSeries naive = new XYSeries("naive forecast" + pathNote, false, true);
        int fold = Integer.MIN_VALUE;
        for (ForecastRow r : rows) {
            if (horizon > 1 && r.fold() != fold && fold != Integer.MIN_VALUE) {
                model.add(millis(r.targetDay()), null); // a gap: each origin's path is its own line
                naive.add(millis(r.targetDay()), null);
            }
            fold = r.fold();
            model.add(millis(r.targetDay()), finiteOrNull(r.model()));
            naive.add(millis(r.targetDay()), finiteOrNull(r.naive()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(actual);
        data.addSeries(model);
        data.addSeries(naive);
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Series " + p.id() + ": backtest forecasts",
                "date", "value", data, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ACTUAL);
        renderer.setSeriesStroke(0, new BasicStroke(1.2f));
        renderer.setSeriesPaint(1, MODEL);
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        renderer.setSeriesShapesVisible(1, true);
        renderer.setSeriesPaint(2, NAIVE);
        renderer.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[]{6f, 4f}, 0f));
        plot.setRenderer(renderer);
        DateAxis axis = (DateAxis) plot.getDomainAxis();
        axis.setTimeZone(TimeZone.getTimeZone("UTC")); // epoch days are UTC midnights
        if (window[1] > window[0]) {
            axis.setRange(millis(window[0]), millis(window[1]));
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        Charts.style(chart);
        return chart;
    }

    /** Training loss per epoch of every fit, one line each (the final fit, if any, last). */
    static JFreeChart learningCurves(List<ForecastSummary.FitStats> backtestFits, ForecastSummary.FitStats finalFit) {
        List<ForecastSummary.FitStats> fits = new ArrayList<>(backtestFits);
        if (finalFit != null) {
            fits.add(finalFit);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (ForecastSummary.FitStats f : fits) {
            String key = (f == finalFit ? "final fit" : "fit at fold " + f.fold()) + " ("
                    + ForecastRunJson.day(f.originDay()) + ")";
            XYSeries s = new XYSeries(data.getSeriesIndex(key) < 0 ? key : key + " #" + data.getSeriesCount(),
                    false, true);
            for (int e = 0; e < f.epochLosses().size(); e++) {
                s.add(e + 1, finiteOrNull(f.epochLosses().get(e)));
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Training loss of each fit", "epoch",
                "training loss (scaled targets)", data, PlotOrientation.VERTICAL, fits.size() <= 12, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, fits.size() <= 3);
        for (int i = 0; i < fits.size(); i++) {
            float shade = fits.size() == 1 ? 0f : (float) i / (fits.size() - 1);
            renderer.setSeriesPaint(i, blend(new Color(0x9ecae1), MODEL, shade));
        }
        chart.getXYPlot().setRenderer(renderer);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        Charts.style(chart);
        return chart;
    }

    /**
     * The days shown: from max(first day, first origin - max(3 H, 3 x test span in steps)
     * steps) to the last forecast's day (the whole series when it has no forecasts).
     */
    static long[] window(ForecastSummary.SeriesPlot p, List<ForecastRow> rows, int horizon) {
        long[] days = p.days();
        long first = days.length == 0 ? 0 : days[0];
        long last = days.length == 0 ? 0 : days[days.length - 1];
        if (rows.isEmpty()) {
            return new long[]{first, last};
        }
        long firstOrigin = rows.stream().mapToLong(ForecastRow::originDay).min().orElse(first);
        long lastTarget = rows.stream().mapToLong(ForecastRow::targetDay).max().orElse(last);
        long lookback = Math.max(3L * horizon * io.sparkrnn.forecast.NextTimes.commonGap(days), 3 * (lastTarget - firstOrigin));
        return new long[]{Math.max(first, firstOrigin - lookback), lastTarget};
    }

    private static double millis(long epochDay) {
        return (double) (epochDay * MILLIS_PER_DAY);
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Color blend(Color a, Color b, float t) {
        return new Color(Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }
}
