package io.sparkrnn.forecast;

import io.sparkrnn.core.io.DataException;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
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

    /**
     * The folds of a run over its calendar, from backtest.test-start or the last
     * backtest.test-steps times.
     *
     * @throws DataException when the test period leaves no history, no data or no full horizon
     */
    public static List<FoldPlan> of(ForecastConfig config, long[] calendar) {
        var b = config.backtest();
        int firstOrigin;
        if (!b.testStart().isEmpty()) {
            long day = RowParser.epochDay(config.data().dateFormat(), b.testStart());
            int first = Arrays.binarySearch(calendar, day);
            first = first >= 0 ? first : -first - 1;
            if (first == 0 || first >= calendar.length) {
                throw new DataException("backtest.test-start = " + b.testStart() + " leaves no history before it or no "
                        + "data after it: the data runs from " + LocalDate.ofEpochDay(calendar[0]) + " to "
                        + LocalDate.ofEpochDay(calendar[calendar.length - 1]));
            }
            firstOrigin = first - 1;
        } else {
            firstOrigin = calendar.length - b.testSteps() - 1;
            if (firstOrigin < 0) {
                throw new DataException("backtest.test-steps = " + b.testSteps() + " is more than the data's "
                        + calendar.length + " times");
            }
        }
        List<FoldPlan> folds = over(calendar, firstOrigin, b.step(), config.model().horizon(), b.window(),
                b.windowLength(), b.refitEvery());
        if (folds.isEmpty()) {
            throw new DataException("the test period from " + LocalDate.ofEpochDay(calendar[firstOrigin + 1])
                    + " is shorter than model.horizon = " + config.model().horizon() + ": no origin has "
                    + config.model().horizon() + " values after it to compare with");
        }
        return folds;
    }
}
