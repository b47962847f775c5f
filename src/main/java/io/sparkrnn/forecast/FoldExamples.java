package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training windows of one fit, made on the executors where each series lives: the series'
 * scalers are fitted on its history in {@code [startDay, originDay]} and its windows taken
 * from the same span, so nothing after the origin enters. Each window gets a seeded random
 * key; sorting by it mixes the series in every minibatch, as a global model needs.
 */
public record FoldExamples(long startDay, long originDay, ForecastConfig config)
        implements PairFlatMapFunction<AssembleSeries.Outcome, Long, SeriesFit.Example> {
    @Override
    public Iterator<Tuple2<Long, SeriesFit.Example>> call(AssembleSeries.Outcome outcome) {
        List<Tuple2<Long, SeriesFit.Example>> out = new ArrayList<>();
        SeriesFit fit = fit(outcome, startDay, originDay, config);
        if (fit == null) {
            return out.iterator();
        }
        SeriesAssembler.Assembled s = outcome.series();
        int start = s.firstAtOrAfter(startDay);
        int origin = s.lastAtOrBefore(originDay);
        SplittableRandom random = new SplittableRandom(config.training().seed() * 31 + s.id().hashCode() * 17L
                + originDay);
        for (SeriesFit.Example e : fit.examples(s, start, origin, config.model().inputLength(),
                config.model().horizon(), config.model().windowStride(), config.data().masked())) {
            out.add(new Tuple2<>(random.nextLong(), e));
        }
        return out.iterator();
    }

    /**
     * The fit of a series on {@code [startDay, originDay]}, or null when the series is not
     * usable or has too little history there for one training window.
     */
    public static SeriesFit fit(AssembleSeries.Outcome outcome, long startDay, long originDay, ForecastConfig config) {
        if (!outcome.usable()) {
            return null;
        }
        SeriesAssembler.Assembled s = outcome.series();
        int start = s.firstAtOrAfter(startDay);
        int origin = s.lastAtOrBefore(originDay);
        int needed = config.model().inputLength() + config.model().horizon() + config.model().transform().lag();
        if (origin < 0 || origin - start + 1 < needed) {
            return null;
        }
        return SeriesFit.fit(s, start, origin, config.model().transform());
    }
}
