package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.FlatMapFunction;

import java.util.Iterator;
import java.util.List;

/**
 * The transform and scalers of every usable series over {@code [startDay, originDay]}, fitted
 * where the series lives; the final model's fits are collected and saved beside it.
 */
public record FitSeries(long startDay, long originDay, ForecastConfig config)
        implements FlatMapFunction<AssembleSeries.Outcome, SeriesFit> {
    @Override
    public Iterator<SeriesFit> call(AssembleSeries.Outcome outcome) {
        SeriesFit fit = FoldExamples.fit(outcome, startDay, originDay, config);
        return (fit == null ? List.<SeriesFit>of() : List.of(fit)).iterator();
    }
}
