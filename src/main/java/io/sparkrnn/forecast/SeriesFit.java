package io.sparkrnn.forecast;

import io.sparkrnn.core.stats.Standardizer;


import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one fit learns about one series besides the network: the target transform and the
 * scalers of the target and of each covariate, all fitted on the fold's training history
 * {@code [start, origin]} only, so no value after the origin shapes them. It turns the series
 * into network inputs and targets and the network's outputs back into levels, and it is saved
 * with the model ({@code transforms.json}).
 *
 * @param originDay the time of the last value the scalers saw
 */
public record SeriesFit(String series, TargetTransform transform, Standardizer target, Standardizer[] covariates,
                        long originDay) implements Serializable {

    /** One training example: inputs {@code [channels][L]} and scaled transformed targets {@code [H]}. */
    public record Example(double[][] x, double[] y) implements Serializable {
    }

    /**
     * Fits on positions {@code [start, origin]} of an assembled series.
     *
     * @throws IllegalArgumentException when the history is too short to fit a scaler, or a
     *                                  log return meets a value that is not positive
     */
    public static SeriesFit fit(SeriesAssembler.Assembled s, int start, int origin, TargetTransform transform) {
        int from = start + transform.lag();
        if (origin - from + 1 < 2) {
            throw new IllegalArgumentException("series '" + s.id() + "' has " + (origin - start + 1)
                    + " values up to " + java.time.LocalDate.ofEpochDay(s.epochDays()[Math.max(0, origin)])
                    + ", too few to fit");
        }
        double[] z = new double[origin - from + 1];
        for (int t = from; t <= origin; t++) {
            z[t - from] = transform.at(s.values(), t);
        }
        Standardizer[] cov = new Standardizer[s.covariates().length];
        for (int c = 0; c < cov.length; c++) {
            cov[c] = finiteScaler(s.covariates()[c], start, origin);
        }
        return new SeriesFit(s.id(), transform, Standardizer.fit(z, z.length), cov, s.epochDays()[origin]);
    }

    /** A scaler over the finite values of {@code v[start..end]} (a covariate may start later than the target). */
    private static Standardizer finiteScaler(double[] v, int start, int end) {
        double[] finite = java.util.Arrays.stream(v, start, end + 1).filter(Double::isFinite).toArray();
        return finite.length == 0 ? Standardizer.IDENTITY : Standardizer.fit(finite, finite.length);
    }

    /**
     * Training examples whose targets all lie in {@code (start + lag, origin]}, the newest
     * always included, then every {@code stride}-th one back.
     */
    public List<Example> examples(SeriesAssembler.Assembled s, int start, int origin, int inputLength, int horizon,
                                  int stride, boolean masked) {
        int from = start + transform.lag();
        if (origin - from + 1 < inputLength + horizon) {
            return List.of();
        }
        double[] z = new double[origin - from + 1];
        for (int t = from; t <= origin; t++) {
            z[t - from] = target.scale(transform.at(s.values(), t));
        }
        List<Example> out = new ArrayList<>();
        for (ForecastWindows.Example w : ForecastWindows.training(z, z.length - 1, inputLength, horizon, stride)) {
            int inputEnd = w.end() - horizon + from;
            out.add(new Example(inputs(s, inputEnd, inputLength, masked), w.y()));
        }
        return out;
    }

    /** Whether a forecast from {@code origin} has a full input window. */
    public boolean canForecastFrom(int origin, int inputLength) {
        return origin - inputLength + 1 >= transform.lag();
    }

    /**
     * The network inputs for the window of L times ending at {@code end}: the scaled transformed
     * target, each scaled covariate (0, the mean, where still unknown), and the fill mask.
     */
    public double[][] inputs(SeriesAssembler.Assembled s, int end, int inputLength, boolean masked) {
        if (!canForecastFrom(end, inputLength)) {
            throw new IllegalArgumentException("an input window of " + inputLength + " ending at position " + end
                    + " reaches before the start of series '" + s.id() + "'");
        }
        int k = covariates.length;
        double[][] x = new double[1 + k + (masked ? 1 : 0)][inputLength];
        for (int i = 0; i < inputLength; i++) {
            int t = end - inputLength + 1 + i;
            x[0][i] = target.scale(transform.at(s.values(), t));
            for (int c = 0; c < k; c++) {
                double v = s.covariates()[c][t];
                x[1 + c][i] = Double.isFinite(v) ? covariates[c].scale(v) : 0;
            }
            if (masked) {
                x[1 + k][i] = s.filled()[t] ? 1 : 0;
            }
        }
        return x;
    }

    /** Levels for the H steps after {@code origin} from the network's scaled outputs. */
    public double[] levels(double lastLevel, double[] outputs) {
        return transform.invert(lastLevel, target.unscale(outputs));
    }
}
