package io.sparkrnn.forecast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each baseline against values worked out by hand. */
class BaselineForecastsTest {
    // Two "years" of a quarterly series: 10 20 30 40 | 12 22 32 42
    private static final double[] HISTORY = {10, 20, 30, 40, 12, 22, 32, 42};

    @Test
    void naiveRepeatsTheLastValue() {
        assertArrayEquals(new double[]{42, 42, 42}, BaselineForecasts.NAIVE.forecast(HISTORY, 3, 4, 3), 1e-12);
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeason() {
        // h = 1..6 with m = 4: 12 22 32 42 then 12 22 again.
        assertArrayEquals(new double[]{12, 22, 32, 42, 12, 22},
                BaselineForecasts.SEASONAL_NAIVE.forecast(HISTORY, 6, 4, 3), 1e-12);
        assertArrayEquals(new double[]{42, 42}, BaselineForecasts.SEASONAL_NAIVE.forecast(HISTORY, 2, 1, 3), 1e-12,
                "season 1 is the naive forecast");
        assertThrows(IllegalArgumentException.class,
                () -> BaselineForecasts.SEASONAL_NAIVE.forecast(new double[]{1, 2}, 1, 4, 1));
    }

    @Test
    void driftExtendsTheLineFromFirstToLast() {
        // slope (42 - 10) / 7 = 32 / 7
        double s = 32.0 / 7;
        assertArrayEquals(new double[]{42 + s, 42 + 2 * s}, BaselineForecasts.DRIFT.forecast(HISTORY, 2, 4, 3), 1e-12);
        assertArrayEquals(new double[]{5, 5}, BaselineForecasts.DRIFT.forecast(new double[]{5}, 2, 1, 1), 1e-12,
                "one value: no slope");
    }

    @Test
    void meanAndMovingAverage() {
        assertArrayEquals(new double[]{26, 26}, BaselineForecasts.MEAN.forecast(HISTORY, 2, 4, 3), 1e-12);
        assertArrayEquals(new double[]{32, 32}, BaselineForecasts.MOVING_AVERAGE.forecast(HISTORY, 2, 4, 3), 1e-12,
                "(22 + 32 + 42) / 3");
        assertArrayEquals(new double[]{26}, BaselineForecasts.MOVING_AVERAGE.forecast(HISTORY, 1, 4, 100), 1e-12,
                "a window longer than the history is the mean");
    }
}
