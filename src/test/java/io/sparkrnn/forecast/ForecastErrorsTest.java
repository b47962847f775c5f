package io.sparkrnn.forecast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each accuracy measure against values worked out by hand. */
class ForecastErrorsTest {
    /*
     * Origin value 100; actuals 110, 90, 100, 120; forecasts 105, 95, 110, 120.
     * errors (actual - forecast): 5, -5, -10, 0
     * MAE = 20 / 4 = 5; RMSE = sqrt((25 + 25 + 100 + 0) / 4) = sqrt(37.5)
     * MAPE = 100 * (5/110 + 5/90 + 10/100 + 0) / 4
     * sMAPE = 100 * (10/215 + 10/185 + 20/210 + 0) / 4
     * MASE with scale 4: (5 + 5 + 10 + 0) / 4 / 4 = 1.25
     * direction from 100: actual up, down, flat (excluded), up; forecast up, down, -, up: 3 of 3
     * up rate: 2 of 3
     */
    private static ForecastErrors example() {
        ForecastErrors e = new ForecastErrors();
        double[] actual = {110, 90, 100, 120};
        double[] forecast = {105, 95, 110, 120};
        for (int i = 0; i < 4; i++) {
            e.add(actual[i], forecast[i], 100, 4);
        }
        return e;
    }

    @Test
    void everyMeasureMatchesTheHandComputation() {
        ForecastErrors e = example();
        assertEquals(4, e.count());
        assertEquals(5, e.mae(), 1e-12);
        assertEquals(Math.sqrt(37.5), e.rmse(), 1e-12);
        assertEquals(100 * (5.0 / 110 + 5.0 / 90 + 10.0 / 100) / 4, e.mape(), 1e-12);
        assertEquals(100 * (10.0 / 215 + 10.0 / 185 + 20.0 / 210) / 4, e.smape(), 1e-12);
        assertEquals(1.25, e.mase(), 1e-12);
        assertEquals(1.0, e.directionalAccuracy(), 1e-12);
        assertEquals(2.0 / 3, e.upRate(), 1e-12);
    }

    @Test
    void skillIsRelativeMae() {
        ForecastErrors naive = new ForecastErrors().add(110, 100, 100, 1).add(90, 100, 100, 1); // MAE 10
        assertEquals(0.5, example().skillAgainst(naive), 1e-12, "MAE 5 against 10");
        assertEquals(-1.0, naive.skillAgainst(example()), 1e-12);
    }

    @Test
    void mergingEqualsAddingEverythingToOne() {
        ForecastErrors a = new ForecastErrors().add(110, 105, 100, 4).add(90, 95, 100, 4);
        ForecastErrors b = new ForecastErrors().add(100, 110, 100, 4).add(120, 120, 100, 4);
        ForecastErrors all = a.merge(b);
        ForecastErrors one = example();
        assertEquals(one.mae(), all.mae(), 1e-12);
        assertEquals(one.rmse(), all.rmse(), 1e-12);
        assertEquals(one.smape(), all.smape(), 1e-12);
        assertEquals(one.mase(), all.mase(), 1e-12);
        assertEquals(one.directionalAccuracy(), all.directionalAccuracy(), 1e-12);
    }

    @Test
    void zeroActualsLeaveMapeAndUnknownScalesLeaveMase() {
        ForecastErrors e = new ForecastErrors().add(0, 2, 1, Double.NaN).add(4, 2, 1, 2);
        assertEquals(50, e.mape(), 1e-12, "only the non-zero actual counts: |2| / 4");
        assertEquals(1.0, e.mase(), 1e-12, "only the forecast with a scale counts: 2 / 2");
        assertEquals(2, e.mae(), 1e-12, "MAE takes both");
    }

    @Test
    void maseScaleIsTheInSampleSeasonalDifference() {
        double[] h = {10, 20, 30, 40, 12, 22, 32, 42};
        assertEquals(2.0, ForecastErrors.scale(h, 4), 1e-12, "each value is 2 above the one a season earlier");
        assertEquals((10 + 10 + 10 + 28 + 10 + 10 + 10) / 7.0, ForecastErrors.scale(h, 1), 1e-12);
        assertTrue(Double.isNaN(ForecastErrors.scale(new double[]{1, 2}, 4)), "too short for a seasonal difference");
    }
}
