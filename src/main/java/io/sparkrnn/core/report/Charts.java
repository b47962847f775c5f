package io.sparkrnn.core.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

/** The reports' charts share one look and are embedded as PNG, so a report needs nothing from a network. */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** A dashed horizontal line at {@code value}, labelled with it. */
    public static void marker(XYPlot plot, double value, String label, Color color) {
        if (!Double.isFinite(value)) {
            return;
        }
        ValueMarker m = new ValueMarker(value, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        m.setLabel(String.format(java.util.Locale.ROOT, "%s %.3f", label, value));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        m.setLabelPaint(color);
        plot.addRangeMarker(m);
    }

    public static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setBackgroundPaint(new Color(0xfafafa));
        chart.getXYPlot().setDomainGridlinePaint(new Color(0xdddddd));
        chart.getXYPlot().setRangeGridlinePaint(new Color(0xdddddd));
    }

    /** The chart as a {@code data:} URI for an {@code <img>} element. */
    public static String dataUri(JFreeChart chart) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
