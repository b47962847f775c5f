package io.sparkrnn.forecast;

import io.sparkrnn.core.stats.Standardizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transforms, scalers and windows of one series, and that none of them looks past the origin. */
class SeriesPreparationTest {
    private static final double[] Y = {100, 110, 99, 120, 132};

    @Test
    void transformsMatchHandValuesAndInvertToLevels() {
        assertArrayEquals(Y, TargetTransform.LEVEL.apply(Y), 1e-12);
        assertArrayEquals(new double[]{10, -11, 21, 12}, TargetTransform.DIFFERENCE.apply(Y), 1e-12);
        assertArrayEquals(new double[]{Math.log(1.1), Math.log(0.9), Math.log(120.0 / 99), Math.log(1.1)},
                TargetTransform.LOG_RETURN.apply(Y), 1e-12);

        // Forecasts after 132 of +2, -1 (differences) and of +10%, -10% (log returns).
        assertArrayEquals(new double[]{134, 133}, TargetTransform.DIFFERENCE.invert(132, new double[]{2, -1}), 1e-12);
        assertArrayEquals(new double[]{145.2, 130.68},
                TargetTransform.LOG_RETURN.invert(132, new double[]{Math.log(1.1), Math.log(0.9)}), 1e-9);
        assertArrayEquals(new double[]{7, 8}, TargetTransform.LEVEL.invert(132, new double[]{7, 8}), 1e-12);

        for (TargetTransform t : TargetTransform.values()) {
            double[] z = t.apply(Y);
            double[] back = t.invert(Y[0], java.util.Arrays.copyOfRange(z, t == TargetTransform.LEVEL ? 1 : 0, z.length));
            assertArrayEquals(java.util.Arrays.copyOfRange(Y, 1, Y.length), back, 1e-9, t + " round trip");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetTransform.LOG_RETURN.apply(new double[]{3, 0, 2}));
        assertTrue(e.getMessage().contains("value 0.0 at position 1"), e.getMessage());
    }

    @Test
    void scalerSeesNothingAfterTheOrigin() {
        double[] v = {1, 2, 3, 4, 1e9, -1e9};
        Standardizer s = Standardizer.fit(v, 4);
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(1.25), s.std(), 1e-12);
        assertEquals(s, Standardizer.fit(new double[]{1, 2, 3, 4, 5, 6, 7}, 4), "the values after the origin do not matter");
        assertEquals(3.0, s.unscale(s.scale(3.0)), 1e-12);
        assertEquals(new Standardizer(5, 1), Standardizer.fit(new double[]{5, 5, 5}, 3), "a constant series is shifted, not divided");
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(v, 0));
    }

    @Test
    void trainingWindowsEndAtTheOriginAndTheForecastWindowEndsThere() {
        double[] z = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        List<ForecastWindows.Example> w = ForecastWindows.training(z, 6, 3, 2, 1);
        // Starts 0..2: inputs [s, s+3), targets [s+3, s+5); the last target at 6 = the origin.
        assertEquals(3, w.size());
        assertArrayEquals(new double[]{0, 1, 2}, w.get(0).x(), 0);
        assertArrayEquals(new double[]{3, 4}, w.get(0).y(), 0);
        assertArrayEquals(new double[]{5, 6}, w.get(2).y(), 0);
        for (ForecastWindows.Example e : w) {
            assertTrue(e.end() <= 6, "a target after the origin: " + e.end());
            for (double v : e.y()) {
                assertTrue(v <= 6, "target value " + v + " lies after the origin");
            }
        }
        assertArrayEquals(new double[]{4, 5, 6}, ForecastWindows.atOrigin(z, 6, 3), 0);

        List<ForecastWindows.Example> strided = ForecastWindows.training(z, 9, 3, 2, 3);
        // Starts from the newest (9 - 3 - 2 + 1 = 5) back by 3: 5 and 2; their last targets at 9 and 6.
        assertEquals(2, strided.size());
        assertEquals(9, strided.get(1).end(), "striding keeps the newest window");
        assertEquals(6, strided.get(0).end());
        assertEquals(5, ForecastWindows.minimumLength(3, 2));
        assertTrue(ForecastWindows.training(z, 3, 3, 2, 1).isEmpty(), "too little history before the origin");
        assertThrows(IllegalArgumentException.class, () -> ForecastWindows.atOrigin(z, 1, 3));
    }
}
