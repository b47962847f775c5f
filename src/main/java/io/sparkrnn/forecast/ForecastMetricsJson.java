package io.sparkrnn.forecast;

import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code metrics.json} of a forecasting run: the backtest's accuracy of the model and of every
 * baseline, overall and broken down by series, horizon step and fold, so that a pipeline can
 * check in one place whether the model earns its cost against the naive forecasts. MAPE and
 * sMAPE are in percent; a measure that cannot be computed (no non-zero actuals, no scale, no
 * moves) is null, and a predictor without forecasts in a scope is left out of it.
 */
public final class ForecastMetricsJson {
    static final String OVERALL = "overall";

    private ForecastMetricsJson() {
    }

    public static ObjectNode render(ForecastSummary s) {
        ObjectNode root = Json.object();
        predictors(root.putObject("overall"), s, OVERALL);
        ObjectNode perSeries = root.putObject("per_series");
        for (String id : scopeIds(s, "series:")) {
            predictors(perSeries.putObject(id), s, "series:" + id);
        }
        ObjectNode perHorizon = root.putObject("per_horizon");
        for (String h : scopeIds(s, "horizon:")) {
            predictors(perHorizon.putObject(h), s, "horizon:" + h);
        }
        ObjectNode perFold = root.putObject("per_fold");
        for (String k : scopeIds(s, "fold:")) {
            ObjectNode fold = perFold.putObject(k);
            FoldPlan plan = fold(s, Integer.parseInt(k));
            if (plan == null) {
                fold.putNull("origin");
            } else {
                fold.put("origin", LocalDate.ofEpochDay(plan.originDay()).toString());
            }
            predictors(fold, s, "fold:" + k);
        }
        ObjectNode beats = root.putObject("beats");
        beats.put("naive", beats(s, "naive"));
        beats.put("seasonal_naive", beats(s, "seasonal_naive"));
        root.put("rejected_rows", s.input().rejectedTotal());
        long used = s.series().stream().filter(x -> x.excluded().isEmpty()).count();
        root.put("series_used", used);
        root.put("series_excluded", s.series().size() - used);
        return root;
    }

    /** Whether the model's overall MAPE is below the baseline's; false when either is missing. */
    static boolean beats(ForecastSummary s, String baseline) {
        ForecastErrors model = s.errors("model", OVERALL);
        ForecastErrors base = s.errors(baseline, OVERALL);
        return model != null && base != null && model.mape() < base.mape();
    }

    /** Skill of the predictor's errors against the naive forecast's in the same scope; NaN without naive. */
    static double skillVsNaive(ForecastSummary s, ForecastErrors e, String scope) {
        ForecastErrors naive = s.errors("naive", scope);
        return e == null || naive == null ? Double.NaN : e.skillAgainst(naive);
    }

    /**
     * The ids of a scope kind that occur in the error sums, in reading order: series in the
     * order of {@link ForecastSummary#series()} (others after them, by name), horizons and
     * folds by number.
     */
    static List<String> scopeIds(ForecastSummary s, String prefix) {
        Set<String> found = new LinkedHashSet<>();
        for (String key : s.errors().keySet()) {
            int bar = key.indexOf('|');
            String scope = key.substring(bar + 1);
            if (scope.startsWith(prefix)) {
                found.add(scope.substring(prefix.length()));
            }
        }
        List<String> ids = new ArrayList<>();
        if (prefix.equals("series:")) {
            for (ForecastSummary.SeriesStats st : s.series()) {
                if (found.remove(st.id())) {
                    ids.add(st.id());
                }
            }
            found.stream().sorted().forEach(ids::add);
        } else {
            found.stream().sorted(Comparator.comparingLong(ForecastMetricsJson::number)
                    .thenComparing(Comparator.naturalOrder())).forEach(ids::add);
        }
        return ids;
    }

    static FoldPlan fold(ForecastSummary s, int index) {
        return s.folds().stream().filter(f -> f.index() == index).findFirst().orElse(null);
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void predictors(ObjectNode node, ForecastSummary s, String scope) {
        for (String p : ForecastRow.PREDICTORS) {
            ForecastErrors e = s.errors(p, scope);
            if (e != null) {
                measures(node.putObject(p), e, skillVsNaive(s, e, scope));
            }
        }
    }

    private static void measures(ObjectNode node, ForecastErrors e, double skill) {
        Json.put(node, "mae", e.mae());
        Json.put(node, "rmse", e.rmse());
        Json.put(node, "mape", e.mape());
        Json.put(node, "smape", e.smape());
        Json.put(node, "mase", e.mase());
        Json.put(node, "directional_accuracy", e.directionalAccuracy());
        Json.put(node, "up_rate", e.upRate());
        node.put("forecasts", e.count());
        Json.put(node, "skill_vs_naive", skill);
    }
}
