package io.sparkrnn.forecast;

import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forecasting job's own section of {@code run.json} (under {@code task}; the skeleton
 * writes the provenance every job shares): what the input looked like and what was done to it
 * (rejected rows by kind, each series' span, fills, drops and exclusions) and which fold each
 * model was fitted at, so that a surprising metric can be traced to its data and its fit.
 */
public final class ForecastRunJson {
    private ForecastRunJson() {
    }

    /** The forecasting job's section of run.json. */
    public static ObjectNode details(ForecastSummary s) {
        ObjectNode root = Json.object();
        ForecastSummary.InputStats in = s.input();
        ObjectNode input = root.putObject("input");
        input.put("rows", in.rows());
        ObjectNode rejected = input.putObject("rejected");
        rejectedByKind(in).forEach(rejected::put);
        if (in.rejectedTotal() == 0 || in.rejectedPath() == null || in.rejectedPath().isEmpty()) {
            input.putNull("rejected_path");
        } else {
            input.put("rejected_path", in.rejectedPath());
        }

        ArrayNode series = root.putArray("series");
        for (ForecastSummary.SeriesStats st : s.series()) {
            ObjectNode o = series.addObject();
            o.put("id", st.id());
            o.put("length", st.length());
            o.put("first", day(st.firstDay()));
            o.put("last", day(st.lastDay()));
            o.put("duplicates", st.duplicates());
            o.put("missing", st.missing());
            o.put("filled", st.filled());
            o.put("dropped", st.dropped());
            o.put("excluded", st.excluded());
        }

        ArrayNode folds = root.putArray("folds");
        for (FoldPlan f : s.folds()) {
            folds.addObject().put("index", f.index()).put("origin", day(f.originDay()))
                    .put("train_start", day(f.startDay())).put("fit_fold", f.fitFold());
        }
        ArrayNode fits = root.putArray("fits");
        s.fits().forEach(f -> fit(fits.addObject(), f));
        if (s.finalFit() == null) {
            root.putNull("final_fit");
        } else {
            fit(root.putObject("final_fit"), s.finalFit());
        }

        return root;
    }

    /** Every kind of {@link RowParser#KINDS} (0 when none), then any other kind counted. */
    static Map<String, Long> rejectedByKind(ForecastSummary.InputStats in) {
        Map<String, Long> out = new LinkedHashMap<>();
        RowParser.KINDS.forEach(k -> out.put(k, in.rejected().getOrDefault(k, 0L)));
        in.rejected().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return out;
    }

    /** The last epoch's training loss of a fit, NaN when it ran no epoch. */
    static double finalLoss(ForecastSummary.FitStats f) {
        return f.epochLosses().isEmpty() ? Double.NaN : f.epochLosses().get(f.epochLosses().size() - 1);
    }

    static String day(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    private static void fit(ObjectNode o, ForecastSummary.FitStats f) {
        o.put("fold", f.fold());
        o.put("origin", day(f.originDay()));
        o.put("windows", f.windows());
        o.put("epochs", f.epochLosses().size());
        Json.put(o, "final_loss", finalLoss(f));
        Json.put(o, "seconds", f.seconds());
        o.put("stopped_by_time_limit", f.stoppedByLimit());
        ArrayNode losses = o.putArray("epoch_losses");
        for (double l : f.epochLosses()) {
            if (Double.isFinite(l)) {
                losses.add(l);
            } else {
                losses.addNull();
            }
        }
    }
}
