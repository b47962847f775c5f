package io.sparkrnn.core.job;

import io.sparkrnn.core.report.Html;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html} of every job: one self-contained page (pictures embedded, no scripts,
 * styles or fonts fetched) that opens on an offline gateway. The task writes what its run
 * means (a lead paragraph, the headline verdict against its baselines, its own sections); the
 * frame adds what every run has (timings, configuration, versions, when it ran).
 */
public final class ReportPage {
    private final String lead;
    private boolean good;
    private String headline = "";
    private final List<Section> sections = new ArrayList<>();

    /** @param lead one paragraph of plain text saying what was trained on what */
    public ReportPage(String lead) {
        this.lead = lead;
    }

    /** The verdict shown first: {@code html} in green when {@code good}, else in red. */
    public ReportPage headline(boolean good, String html) {
        this.good = good;
        this.headline = html;
        return this;
    }

    /** A section of the task's own, in the order added; the returned builder takes its HTML. */
    public StringBuilder section(String title) {
        Section s = new Section(title, new StringBuilder());
        sections.add(s);
        return s.body();
    }

    /** The whole page, the frame's sections after the task's. */
    public String render(String title, Frame frame) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(Html.esc(title))
                .append("</title>\n").append(Html.STYLE);
        h.append("<h1>").append(Html.esc(title)).append("</h1>\n<p>").append(Html.esc(lead)).append("</p>\n");
        if (!headline.isEmpty()) {
            h.append("<p class=\"").append(good ? "good" : "bad").append("\"><b>").append(headline)
                    .append("</b></p>\n");
        }
        for (Section s : sections) {
            h.append("<h2>").append(Html.esc(s.title())).append("</h2>\n").append(s.body());
        }
        if (frame.trainingStats()) {
            h.append("<p>DL4J's own timeline of the Spark training: <a href=\"training-stats.html\">"
                    + "training-stats.html</a>.</p>\n");
        }
        h.append("<h2>Timings</h2>\n<table><tr><th class=\"l\">phase</th><th>seconds</th></tr>\n");
        frame.phases().forEach((k, v) -> Html.kv(h, Html.esc(k), Html.fmt(v, 1)));
        Html.kv(h, "<b>whole job</b>", Html.fmt(frame.wallSeconds(), 1));
        h.append("</table>\n<h2>Configuration</h2>\n<pre>").append(Html.esc(frame.configText())).append("</pre>\n");
        h.append("<h2>Versions</h2>\n<table>");
        new TreeMap<>(frame.versions()).forEach((k, v) -> Html.kv(h, Html.esc(k), Html.esc(v)));
        new TreeMap<>(frame.spark()).forEach((k, v) -> Html.kv(h, "spark " + Html.esc(k), Html.esc(v)));
        h.append("</table>\n<p>Started ").append(frame.started()).append(", finished ").append(frame.finished())
                .append(".</p>\n</body></html>\n");
        return h.toString();
    }

    private record Section(String title, StringBuilder body) {
    }

    /** What the frame shows of the run. */
    public record Frame(Map<String, Double> phases, double wallSeconds, String configText, Map<String, String> versions,
                 Map<String, String> spark, Instant started, Instant finished, boolean trainingStats) {
    }
}
