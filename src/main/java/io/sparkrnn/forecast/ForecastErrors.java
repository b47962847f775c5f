package io.sparkrnn.forecast;

import io.sparkrnn.core.stats.Mergeable;

import java.io.Serializable;

/**
 * Error sums of a set of point forecasts on the original scale, mergeable across series, folds
 * and Spark partitions, from which the usual accuracy measures follow: MAE, RMSE, MAPE and
 * sMAPE (in percent), MASE (errors scaled by the in-sample mean absolute seasonal difference
 * of each forecast's own training history, Hyndman and Koehler 2006) and, for prices, the
 * share of forecasts that got the direction of the move from the origin right beside the share
 * of moves that were up (the "always up" forecaster's score).
 */
public final class ForecastErrors implements Mergeable<ForecastErrors>, Serializable {
    private static final long serialVersionUID = 1L;

    private long n;
    private double absSum;
    private double sqSum;
    private long percentN;
    private double apeSum;
    private long symmetricN;
    private double sapeSum;
    private long scaledN;
    private double scaledSum;
    private long directionN;
    private long directionRight;
    private long ups;

    /**
     * Adds one forecast.
     *
     * @param actual   the observed value
     * @param forecast the forecast of it
     * @param origin   the last observed value at the forecast origin (for the direction)
     * @param scale    the MASE denominator of this forecast's history; NaN or 0 leaves it out of MASE
     */
    public ForecastErrors add(double actual, double forecast, double origin, double scale) {
        double e = actual - forecast;
        n++;
        absSum += Math.abs(e);
        sqSum += e * e;
        if (actual != 0) {
            percentN++;
            apeSum += Math.abs(e / actual);
        }
        double denominator = Math.abs(actual) + Math.abs(forecast);
        if (denominator > 0) {
            symmetricN++;
            sapeSum += 2 * Math.abs(e) / denominator;
        }
        if (scale > 0 && Double.isFinite(scale)) {
            scaledN++;
            scaledSum += Math.abs(e) / scale;
        }
        double move = actual - origin;
        if (move != 0) {
            directionN++;
            if (Math.signum(forecast - origin) == Math.signum(move)) {
                directionRight++;
            }
            if (move > 0) {
                ups++;
            }
        }
        return this;
    }

    /** Adds another set of sums to this one. */
    @Override
    public ForecastErrors merge(ForecastErrors o) {
        n += o.n;
        absSum += o.absSum;
        sqSum += o.sqSum;
        percentN += o.percentN;
        apeSum += o.apeSum;
        symmetricN += o.symmetricN;
        sapeSum += o.sapeSum;
        scaledN += o.scaledN;
        scaledSum += o.scaledSum;
        directionN += o.directionN;
        directionRight += o.directionRight;
        ups += o.ups;
        return this;
    }

    public long count() {
        return n;
    }

    public double mae() {
        return absSum / n;
    }

    public double rmse() {
        return Math.sqrt(sqSum / n);
    }

    /** Mean absolute percentage error, in percent, over the forecasts of non-zero actuals. */
    public double mape() {
        return 100 * apeSum / percentN;
    }

    /** Symmetric MAPE, in percent (0 to 200). */
    public double smape() {
        return 100 * sapeSum / symmetricN;
    }

    public double mase() {
        return scaledSum / scaledN;
    }

    /** Share of forecasts whose direction from the origin matched the actual move (flat moves excluded). */
    public double directionalAccuracy() {
        return (double) directionRight / directionN;
    }

    /** Share of actual moves that were up: what always forecasting "up" scores. */
    public double upRate() {
        return (double) ups / directionN;
    }

    /** 1 - MAE / MAE of the reference: above 0 means better than the reference. */
    public double skillAgainst(ForecastErrors reference) {
        return 1 - mae() / reference.mae();
    }

    /**
     * The MASE denominator of a training history: the mean absolute difference between values
     * one season apart (m = 1: the naive forecast's in-sample error); NaN if too short.
     */
    public static double scale(double[] history, int season) {
        if (history.length <= season) {
            return Double.NaN;
        }
        double s = 0;
        for (int t = season; t < history.length; t++) {
            s += Math.abs(history[t] - history[t - season]);
        }
        return s / (history.length - season);
    }
}
