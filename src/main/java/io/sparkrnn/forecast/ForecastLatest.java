package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Forecasts the next H steps of every series from its latest L values with a saved model, on
 * the executors. A series the model was trained on is scaled with its saved scalers; a new one
 * (a global model can forecast series it has not seen) with scalers fitted on its own history,
 * which the output says. A series too short for one input window is reported, not forecast.
 */
public final class ForecastLatest implements FlatMapFunction<Iterator<AssembleSeries.Outcome>, ForecastLatest.Result> {
    private static final long serialVersionUID = 1L;

    /**
     * One series' forecast ({@code levels} for {@code days}) or the reason it has none;
     * {@code scalers} says "saved" or "fitted on this input".
     */
    public record Result(String series, long originDay, long[] days, double[] levels, String scalers, String skipped)
            implements Serializable {
    }

    private final Broadcast<byte[]> model;
    private final Map<String, SeriesFit> fits;
    private final ForecastConfig config;

    public ForecastLatest(Broadcast<byte[]> model, Map<String, SeriesFit> fits, ForecastConfig config) {
        this.model = model;
        this.fits = Map.copyOf(fits);
        this.config = config;
    }

    @Override
    public Iterator<Result> call(Iterator<AssembleSeries.Outcome> series) {
        ForecastNetwork net = null;
        List<Result> out = new ArrayList<>();
        while (series.hasNext()) {
            AssembleSeries.Outcome o = series.next();
            SeriesAssembler.Assembled s = o.series();
            if (s == null || s.length() == 0) {
                out.add(new Result(o.id(), 0, new long[0], new double[0], "", o.refused() != null ? o.refused()
                        : "no values"));
                continue;
            }
            int origin = s.length() - 1;
            SeriesFit fit = fits.get(o.id());
            String scalers = "saved";
            if (fit == null) {
                fit = FoldExamples.fit(new AssembleSeries.Outcome(o.id(), s, null, null), s.epochDays()[0],
                        s.epochDays()[origin], config);
                scalers = "fitted on this input";
            }
            int inputLength = config.model().inputLength();
            if (fit == null || !fit.canForecastFrom(origin, inputLength)) {
                out.add(new Result(o.id(), s.epochDays()[origin], new long[0], new double[0], "",
                        "it has " + s.length() + " values; a forecast needs model.input-length = " + inputLength
                                + (config.model().transform().lag() > 0 ? " + 1" : "")
                                + (fits.containsKey(o.id()) ? "" : " (and, for a series the model has not seen, "
                                + "enough history to fit its scalers)")));
                continue;
            }
            double[][] inputs;
            try {
                inputs = fit.inputs(s, origin, inputLength, config.data().masked());
            } catch (IllegalArgumentException e) {
                out.add(new Result(o.id(), s.epochDays()[origin], new long[0], new double[0], "", e.getMessage()));
                continue;
            }
            if (net == null) {
                net = ForecastNetwork.fromBytes(model.value(), config.model().horizon());
            }
            double[] outputs = net.forecast(ToDataSets.input(inputs));
            out.add(new Result(o.id(), s.epochDays()[origin],
                    NextTimes.after(s.epochDays(), config.data().frequency(), config.model().horizon()),
                    fit.levels(s.values()[origin], outputs), scalers, ""));
        }
        return out.iterator();
    }
}
