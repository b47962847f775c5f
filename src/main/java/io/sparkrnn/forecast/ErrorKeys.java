package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Spreads one forecast over the error sums it belongs to, so that one {@code reduceByKey}
 * gives every metric at once: for each predictor, overall, per series, per horizon step and
 * per fold. Keys read {@code predictor|scope}, scope being {@code overall}, {@code series:ID},
 * {@code horizon:H} or {@code fold:K}. A baseline that could not forecast (seasonal naive
 * without a full season of history) is left out of its sums.
 */
public final class ErrorKeys implements PairFlatMapFunction<ForecastRow, String, ForecastErrors> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<String, ForecastErrors>> call(ForecastRow r) {
        List<Tuple2<String, ForecastErrors>> out = new ArrayList<>(24);
        double[] f = r.forecasts();
        String[] scopes = {"overall", "series:" + r.series(), "horizon:" + r.horizon(), "fold:" + r.fold()};
        for (int p = 0; p < f.length; p++) {
            if (!Double.isFinite(f[p])) {
                continue;
            }
            for (String scope : scopes) {
                out.add(new Tuple2<>(ForecastRow.PREDICTORS[p] + "|" + scope,
                        new ForecastErrors().add(r.actual(), f[p], r.originValue(), r.scale())));
            }
        }
        return out.iterator();
    }
}
