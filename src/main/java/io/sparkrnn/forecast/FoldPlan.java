package io.sparkrnn.forecast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One fold of the backtest in calendar time, shared by all series: forecasts are made at
 * {@code originDay} from history starting at {@code startDay}, by the model and scalers fitted
 * at fold {@code fitFold} (this fold when it refits, an earlier one otherwise). Times, not
 * positions, because series of one run may have different lengths and gaps.
 */
public record FoldPlan(int index, long originDay, long startDay, int fitFold) implements Serializable {

    /** Whether this fold fits a model and scalers of its own. */
    public boolean refits() {
        return fitFold == index;
    }

    /**
     * The folds over a calendar (the sorted union of the series' times).
     *
     * @param firstOrigin calendar position of the first origin
     */
    public static List<FoldPlan> over(long[] calendar, int firstOrigin, int step, int horizon,
                                      BacktestPlan.Window window, int windowLength, int refitEvery) {
        List<FoldPlan> out = new ArrayList<>();
        int fitFold = 0;
        for (BacktestPlan.Fold f : BacktestPlan.folds(calendar.length, firstOrigin, step, horizon, window,
                windowLength, refitEvery)) {
            if (f.refit()) {
                fitFold = f.index();
            }
            out.add(new FoldPlan(f.index(), calendar[f.origin()], calendar[f.trainStart()], fitFold));
        }
        return out;
    }
}
