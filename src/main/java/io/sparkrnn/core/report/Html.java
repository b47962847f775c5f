package io.sparkrnn.core.report;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The pieces every report page is written with: one inline style (a report opens offline, on a
 * gateway without internet), escaping, number formatting, key-value rows and charts embedded
 * as PNG.
 */
public final class Html {
    /** The reports' shared look: inline, so a report opens offline. */
    public static final String STYLE = "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222;"
            + "line-height:1.4}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;"
            + "padding:.25em .6em;text-align:right}th{background:#f0f0f0}td.l,th.l{text-align:left}pre{background:#f6f6f6;"
            + "padding:.8em;white-space:pre-wrap;border:1px solid #ddd}.good{color:#1a7f37}.bad{color:#b3261e}"
            + "img{max-width:100%}</style></head><body>\n";

    private Html() {
    }

    public static void image(StringBuilder h, Supplier<org.jfree.chart.JFreeChart> chart) {
        try {
            h.append("<img alt=\"chart\" src=\"").append(Charts.dataUri(chart.get())).append("\">\n");
        } catch (Exception | Error e) {
            h.append("<p class=\"bad\">(chart not drawn: ").append(esc(String.valueOf(e))).append(")</p>\n");
        }
    }

    public static void kv(StringBuilder h, String key, String value) {
        h.append("<tr><td class=\"l\">").append(key).append("</td><td>").append(value).append("</td></tr>\n");
    }

    public static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }

    public static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
