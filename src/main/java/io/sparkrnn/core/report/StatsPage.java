package io.sparkrnn.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes DL4J's Spark training-statistics page open without a network. DL4J writes a page that
 * loads jQuery, jQuery UI, D3 and Bootstrap from CDNs, so on an offline cluster gateway it
 * shows nothing; this puts the same library versions, from the WebJars on the class path,
 * into the page itself.
 */
public final class StatsPage {
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();
    private static final Pattern SCRIPT = Pattern.compile("<script src=\"(https?://[^\"]+)\">\\s*</script>");
    private static final Pattern STYLESHEET = Pattern.compile("<link[^>]*href=\"(https?://[^\"]+\\.css)\"[^>]*>");

    static {
        SOURCES.put("jquery.min.js", "META-INF/resources/webjars/jquery/1.10.2/jquery.min.js");
        SOURCES.put("jquery-1.10.2.js", "META-INF/resources/webjars/jquery/1.10.2/jquery.min.js");
        SOURCES.put("ui/1.11.4/jquery-ui.js", "META-INF/resources/webjars/jquery-ui/1.11.4/jquery-ui.min.js");
        SOURCES.put("jquery-ui.css", "META-INF/resources/webjars/jquery-ui/1.11.4/jquery-ui.min.css");
        SOURCES.put("d3/3.5.5/d3.min.js", "META-INF/resources/webjars/d3js/3.5.5/d3.min.js");
        SOURCES.put("bootstrap.min.js", "META-INF/resources/webjars/bootstrap/3.3.5/js/bootstrap.min.js");
        SOURCES.put("bootstrap.min.css", "META-INF/resources/webjars/bootstrap/3.3.5/css/bootstrap.min.css");
    }

    private StatsPage() {
    }

    /**
     * The page with every remote script and stylesheet replaced by its content. jQuery is
     * named twice by DL4J; it is inlined once.
     *
     * @throws IllegalStateException if the page names a library this class does not know
     */
    public static String offline(String dl4jPage) {
        StringBuilder out = new StringBuilder(dl4jPage.length() + 1_000_000);
        Matcher m = SCRIPT.matcher(dl4jPage);
        boolean jquery = false;
        int last = 0;
        while (m.find()) {
            out.append(dl4jPage, last, m.start());
            String resource = resourceFor(m.group(1));
            boolean isJquery = resource.contains("/jquery/");
            if (!(isJquery && jquery)) {
                out.append("<script>/* ").append(m.group(1)).append(" */\n")
                        .append(read(resource).replace("</script", "<\\/script")).append("\n</script>");
            }
            jquery |= isJquery;
            last = m.end();
        }
        out.append(dl4jPage, last, dl4jPage.length());
        String withScripts = out.toString();
        Matcher css = STYLESHEET.matcher(withScripts);
        StringBuilder styled = new StringBuilder(withScripts.length() + 200_000);
        last = 0;
        while (css.find()) {
            styled.append(withScripts, last, css.start())
                    .append("<style>/* ").append(css.group(1)).append(" */\n")
                    .append(read(resourceFor(css.group(1))).replace("</style", "<\\/style")).append("\n</style>");
            last = css.end();
        }
        styled.append(withScripts, last, withScripts.length());
        return styled.toString();
    }

    private static String resourceFor(String url) {
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            if (url.endsWith(e.getKey())) {
                return e.getValue();
            }
        }
        throw new IllegalStateException("DL4J's statistics page loads " + url + ", which has no local copy");
    }

    private static String read(String resource) {
        try (InputStream in = StatsPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " (a WebJar dependency)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
