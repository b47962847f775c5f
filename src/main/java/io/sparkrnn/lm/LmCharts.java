package io.sparkrnn.lm;

import io.sparkrnn.core.report.Charts;

import io.sparkrnn.core.train.RoundStats;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;

/** The report's pictures, rendered to PNG so that the report needs nothing from a network. */
final class LmCharts {
    private LmCharts() {
    }

    /** Training loss per round and validation loss per epoch, against the baselines. */
    static JFreeChart learningCurve(RunSummary run) {
        XYSeries train = new XYSeries("training loss (end of each averaging round)");
        for (RoundStats r : run.rounds()) {
            train.add(r.elapsedTrainingSeconds() / 60, r.loss());
        }
        XYSeries validation = new XYSeries("validation loss (after each epoch)");
        for (EpochMetrics m : run.epochs()) {
            validation.add(m.trainingSeconds() / 60, m.validationLoss());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        data.addSeries(validation);
        JFreeChart chart = ChartFactory.createXYLineChart("Learning curve", "training time (minutes)",
                "cross-entropy (nats per token)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0x9ecae1));
        renderer.setSeriesPaint(1, new Color(0x08519c));
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        renderer.setSeriesShapesVisible(1, true);
        plot.setRenderer(renderer);
        Charts.marker(plot, run.baselines().bigramNats(), "bigram baseline", new Color(0xd94801));
        Charts.marker(plot, run.baselines().unigramNats(), "unigram baseline", new Color(0x969696));
        double top = Math.max(run.baselines().unigramNats(), validation.getMaxY()) * 1.08;
        double bottom = Math.min(train.isEmpty() ? top : train.getMinY(), validation.getMinY()) * 0.9;
        plot.getRangeAxis().setRange(Math.max(0, bottom), top);
        Charts.style(chart);
        return chart;
    }

    /** Characters per second of each round. */
    static JFreeChart throughput(RunSummary run) {
        XYSeries rate = new XYSeries("characters per second");
        double perToken = run.charactersPerTrainToken();
        for (RoundStats r : run.rounds()) {
            rate.add(r.elapsedTrainingSeconds() / 60, run.tokens(r) * perToken / Math.max(r.seconds(), 1e-9));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Training throughput per averaging round",
                "training time (minutes)", "characters per second (all workers)", new XYSeriesCollection(rate),
                PlotOrientation.VERTICAL, false, false, false);
        chart.getXYPlot().getRenderer().setSeriesPaint(0, new Color(0x238b45));
        Charts.style(chart);
        return chart;
    }

    /** Gradient norm by distance, log scale: every cell at initialisation and the trained model. */
    static JFreeChart gradientFlow(RunSummary run) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (io.sparkrnn.lm.GradientFlow.Profile p : run.gradientFlow()) {
            XYSeries s = new XYSeries(p.label());
            for (int d = 0; d < p.norms().length; d++) {
                if (p.norms()[d] > 0) {
                    s.add(d, p.norms()[d]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Gradient reaching earlier steps (vanishing gradients)",
                "distance T - k (steps back from the last)", "mean norm of dL_T / dx_k (log scale)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        org.jfree.chart.axis.LogAxis log = new org.jfree.chart.axis.LogAxis("mean norm of dL_T / dx_k (log scale)");
        log.setSmallestValue(1e-30);
        plot.setRangeAxis(log);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        Color[] colors = {new Color(0x08519c), new Color(0xd94801), new Color(0x238b45), new Color(0x000000)};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colors[i % colors.length]);
            boolean trained = run.gradientFlow().get(i).label().endsWith("trained");
            renderer.setSeriesStroke(i, trained ? new BasicStroke(2.5f) : new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        }
        plot.setRenderer(renderer);
        Charts.style(chart);
        return chart;
    }
}
