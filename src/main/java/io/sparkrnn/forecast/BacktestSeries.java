package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The backtest of the series of one partition over every fold, run on the executors so that
 * folds x series are evaluated in parallel: at each fold's origin the model fitted for that
 * fold forecasts H steps from the L values ending there, with the scalers of the same fit, and
 * every baseline forecasts from the fold's history; all are compared with what followed.
 * A series takes part in a fold when it has a value at the origin and H values after it.
 */
public final class BacktestSeries implements FlatMapFunction<Iterator<AssembleSeries.Outcome>, ForecastRow> {
    private static final long serialVersionUID = 1L;

    private final List<FoldPlan> folds;
    private final Broadcast<Map<Integer, byte[]>> models;
    private final Broadcast<Map<Integer, byte[]>> directModels;
    private final ForecastConfig config;

    /**
     * @param models       the serialized network of every fold that refits, by fold index
     * @param directModels with the seq2seq strategy, the direct networks fitted beside them for
     *                     comparison (else empty)
     */
    public BacktestSeries(List<FoldPlan> folds, Broadcast<Map<Integer, byte[]>> models,
                          Broadcast<Map<Integer, byte[]>> directModels, ForecastConfig config) {
        this.folds = List.copyOf(folds);
        this.models = models;
        this.directModels = directModels;
        this.config = config;
    }

    @Override
    public Iterator<ForecastRow> call(Iterator<AssembleSeries.Outcome> series) {
        Map<Integer, ForecastNetwork> nets = new HashMap<>();
        Map<Integer, ForecastNetwork> direct = new HashMap<>();
        int horizon = config.model().horizon();
        boolean compare = !directModels.value().isEmpty();
        List<ForecastRow> out = new ArrayList<>();
        while (series.hasNext()) {
            AssembleSeries.Outcome outcome = series.next();
            if (outcome.usable()) {
                backtest(outcome, fold -> nets.computeIfAbsent(fold,
                                f -> ForecastNetwork.fromBytes(models.value().get(f), horizon)),
                        compare ? fold -> direct.computeIfAbsent(fold,
                                f -> ForecastNetwork.fromBytes(directModels.value().get(f), horizon)) : null, out);
            }
        }
        return out.iterator();
    }

    /**
     * The rows of one series over all folds; {@code nets} gives the network of a fitting fold,
     * {@code directNets} (or null) the direct network fitted beside it.
     */
    void backtest(AssembleSeries.Outcome outcome, IntFunction<ForecastNetwork> nets,
                  IntFunction<ForecastNetwork> directNets, List<ForecastRow> out) {
        SeriesAssembler.Assembled s = outcome.series();
        int horizon = config.model().horizon();
        int inputLength = config.model().inputLength();
        Map<Integer, SeriesFit> fits = new HashMap<>();
        for (FoldPlan fold : folds) {
            int origin = java.util.Arrays.binarySearch(s.epochDays(), fold.originDay());
            if (origin < 0 || origin + horizon >= s.length()) {
                continue;
            }
            FoldPlan fitFold = folds.get(fold.fitFold());
            SeriesFit fit = fits.computeIfAbsent(fitFold.index(),
                    k -> FoldExamples.fit(outcome, fitFold.startDay(), fitFold.originDay(), config));
            if (fit == null || !fit.canForecastFrom(origin, inputLength)) {
                continue;
            }
            var input = ToDataSets.input(fit.inputs(s, origin, inputLength, config.data().masked()));
            double[] model = fit.levels(s.values()[origin], nets.apply(fitFold.index()).forecast(input));
            double[] direct = directNets == null ? nan(horizon)
                    : fit.levels(s.values()[origin], directNets.apply(fitFold.index()).forecast(input));
            int start = s.firstAtOrAfter(fold.startDay());
            double[] history = Arrays.copyOfRange(s.values(), start, origin + 1);
            var b = config.backtest();
            double[] naive = BaselineForecasts.NAIVE.forecast(history, horizon, 1, 1);
            double[] seasonal = history.length >= b.season()
                    ? BaselineForecasts.SEASONAL_NAIVE.forecast(history, horizon, b.season(), 1) : nan(horizon);
            double[] drift = BaselineForecasts.DRIFT.forecast(history, horizon, 1, 1);
            double[] mean = BaselineForecasts.MEAN.forecast(history, horizon, 1, 1);
            double[] moving = BaselineForecasts.MOVING_AVERAGE.forecast(history, horizon, 1, b.movingAverageWindow());
            double scale = ForecastErrors.scale(history, b.season());
            for (int h = 0; h < horizon; h++) {
                out.add(new ForecastRow(s.id(), fold.index(), fold.originDay(), s.epochDays()[origin + 1 + h], h + 1,
                        s.values()[origin + 1 + h], s.values()[origin], scale, model[h], direct[h], naive[h], seasonal[h],
                        drift[h], mean[h], moving[h]));
            }
        }
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
