package io.sparkrnn.forecast;

import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

/**
 * The forecast tool's section of {@code run.json} (the skeleton's provenance record, as every
 * job writes it, holds the rest): which model forecast, what was rejected, and for every series whether it was forecast (from which date, with saved or newly fitted
 * scalers) or why not, so that a pipeline can tell a missing series from a failed one.
 */
public final class PredictionJson {
    private PredictionJson() {
    }

    /** One series' outcome; {@code skipped} is "" when it was forecast. */
    public record SeriesResult(String id, long originDay, int steps, String scalers, String skipped) {
    }

    /** The forecast tool's section of run.json: the model, the input's rows, and every series' outcome. */
    public static ObjectNode details(String modelDir, ForecastConfig config, List<SeriesResult> series,
                                     ForecastSummary.InputStats input) {
        ObjectNode root = Json.object();
        root.put("model", modelDir);
        root.put("horizon", config.model().horizon());
        ObjectNode in = root.putObject("input");
        in.put("rows", input.rows());
        ObjectNode rejected = in.putObject("rejected");
        input.rejected().forEach(rejected::put);
        ObjectNode skipped = in.putObject("skipped");
        input.skipped().forEach(skipped::put);
        if (input.rejectedPath().isEmpty()) {
            in.putNull("rejected_path");
        } else {
            in.put("rejected_path", input.rejectedPath());
        }
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
        return root;
    }
}
