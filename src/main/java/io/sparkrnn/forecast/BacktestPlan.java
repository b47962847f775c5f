package io.sparkrnn.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * The folds of a walk-forward (rolling-origin) backtest of one series: forecast origins from
 * a first one to the last that still leaves H values to compare with, each fold training on
 * values up to its origin only (all of them, or a sliding window), with the model and scalers
 * refitted every n-th fold. Positions are indices in the assembled series.
 */
public final class BacktestPlan {
    private BacktestPlan() {
    }

    /** How much history a fold trains on. */
    public enum Window { EXPANDING, SLIDING }

    /**
     * One fold: forecast made at {@code origin} (the last known position) for positions
     * origin+1..origin+H, trained on {@code [trainStart, origin]}; {@code refit} when the model
     * and scalers are fitted anew at this fold rather than carried from the previous one.
     */
    public record Fold(int index, int origin, int trainStart, boolean refit) {
        public int trainLength() {
            return origin - trainStart + 1;
        }
    }

    /**
     * @param length       values in the series
     * @param firstOrigin  position of the first origin
     * @param step         positions between origins (at least 1)
     * @param horizon      H, the steps forecast from each origin
     * @param window       expanding or sliding training history
     * @param windowLength values a sliding window holds (ignored when expanding)
     * @param refitEvery   refit at every n-th fold (1 = every fold)
     */
    public static List<Fold> folds(int length, int firstOrigin, int step, int horizon, Window window,
                                   int windowLength, int refitEvery) {
        if (step < 1 || horizon < 1 || refitEvery < 1 || (window == Window.SLIDING && windowLength < 1)) {
            throw new IllegalArgumentException("step, horizon, refit interval and window length must be at least 1");
        }
        if (firstOrigin < 0) {
            throw new IllegalArgumentException("the first origin lies before the series starts");
        }
        List<Fold> folds = new ArrayList<>();
        for (int origin = firstOrigin; origin + horizon <= length - 1; origin += step) {
            int index = folds.size();
            int start = window == Window.EXPANDING ? 0 : Math.max(0, origin - windowLength + 1);
            folds.add(new Fold(index, origin, start, index % refitEvery == 0));
        }
        return folds;
    }
}
