package io.sparkrnn.forecast;

import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json} of a forecast run: which model forecast which input, what was rejected,
 * and for every series whether it was forecast (from which date, with saved or newly fitted
 * scalers) or why not, so that a pipeline can tell a missing series from a failed one.
 */
public final class PredictionJson {
    private PredictionJson() {
    }

    /** One series' outcome; {@code skipped} is "" when it was forecast. */
    public record SeriesResult(String id, long originDay, int steps, String scalers, String skipped) {
    }

    public static String render(String modelDir, ForecastConfig config, List<SeriesResult> series,
                                ForecastSummary.InputStats input, Instant started, Instant finished,
                                Map<String, String> versions, Map<String, String> spark) {
        ObjectNode root = Json.object();
        root.put("model", modelDir);
        root.put("horizon", config.model().horizon());
        root.put("started", started.toString());
        root.put("finished", finished.toString());
        Json.put(root, "wall_seconds", Duration.between(started, finished).toMillis() / 1000.0);
        ObjectNode v = root.putObject("versions");
        versions.forEach(v::put);
        ObjectNode s = root.putObject("spark");
        spark.forEach(s::put);
        ObjectNode in = root.putObject("input");
        ArrayNode files = in.putArray("files");
        input.files().forEach(files::add);
        in.put("bytes", input.bytes());
        in.put("rows", input.rows());
        ObjectNode rejected = in.putObject("rejected");
        input.rejected().forEach(rejected::put);
        in.put("rejected_path", input.rejectedPath());
        long forecast = series.stream().filter(r -> r.skipped().isEmpty()).count();
        root.put("series_forecast", forecast);
        root.put("series_skipped", series.size() - forecast);
        ArrayNode list = root.putArray("series");
        for (SeriesResult r : series) {
            ObjectNode o = list.addObject();
            o.put("id", r.id());
            if (r.skipped().isEmpty()) {
                o.put("origin", LocalDate.ofEpochDay(r.originDay()).toString());
                o.put("steps", r.steps());
                o.put("scalers", r.scalers());
            } else {
                o.put("skipped", r.skipped());
            }
        }
        return Json.write(root);
    }
}
