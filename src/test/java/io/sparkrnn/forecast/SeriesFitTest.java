package io.sparkrnn.forecast;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fold's fit of one series: scalers and windows from its history up to the origin only. */
class SeriesFitTest {
    private static SeriesAssembler.Assembled series(double[] values, double[] covariate) {
        List<Observation> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new Observation("s", LocalDate.of(2020, 1, 1).plusDays(i).toEpochDay(), values[i],
                    covariate == null ? new double[0] : new double[]{covariate[i]}));
        }
        return new SeriesAssembler(SeriesAssembler.Frequency.DAY, SeriesAssembler.Duplicates.FAIL,
                SeriesAssembler.Missing.FILL).assemble("s", rows);
    }

    @Test
    void nothingAfterTheOriginShapesTheFitOrTheWindows() {
        double[] y = {10, 11, 12, 14, 13, 15, 16, 18, 17, 19};
        double[] later = y.clone();
        later[7] = 1e6; // positions after the origin (6) changed wildly
        later[8] = -5;
        later[9] = 0.001;
        for (TargetTransform t : new TargetTransform[]{TargetTransform.LEVEL, TargetTransform.DIFFERENCE}) {
            SeriesFit a = SeriesFit.fit(series(y, null), 0, 6, t);
            SeriesFit b = SeriesFit.fit(series(later, null), 0, 6, t);
            assertEquals(a.target(), b.target(), t + ": the scaler saw a value after the origin");
            var ea = a.examples(series(y, null), 0, 6, 3, 2, 1, false);
            var eb = b.examples(series(later, null), 0, 6, 3, 2, 1, false);
            assertEquals(ea.size(), eb.size());
            for (int i = 0; i < ea.size(); i++) {
                assertArrayEquals(ea.get(i).y(), eb.get(i).y(), 0, t + ": window " + i + " holds a value after the origin");
                assertArrayEquals(ea.get(i).x()[0], eb.get(i).x()[0], 0);
            }
            assertArrayEquals(a.inputs(series(y, null), 6, 3, false)[0], b.inputs(series(later, null), 6, 3, false)[0],
                    0, t + ": the forecast input reads past the origin");
        }
    }

    @Test
    void windowsAndScalingMatchHandValues() {
        double[] y = {1, 2, 3, 4, 5, 6};
        SeriesAssembler.Assembled s = series(y, null);
        SeriesFit fit = SeriesFit.fit(s, 0, 4, TargetTransform.LEVEL); // values 1..5: mean 3, std sqrt(2)
        assertEquals(3, fit.target().mean(), 1e-12);
        assertEquals(Math.sqrt(2), fit.target().std(), 1e-12);
        var examples = fit.examples(s, 0, 4, 2, 1, 1, false);
        // inputs (1,2)->3, (2,3)->4, (3,4)->5: three windows, the last target at the origin
        assertEquals(3, examples.size(), "windows of L=2, H=1 up to position 4");
        assertArrayEquals(new double[]{(5 - 3) / Math.sqrt(2)}, examples.get(2).y(), 1e-12);
        assertArrayEquals(new double[]{(3 - 3) / Math.sqrt(2), (4 - 3) / Math.sqrt(2)}, examples.get(2).x()[0], 1e-12);
        double[] levels = fit.levels(5, new double[]{(6 - 3) / Math.sqrt(2)});
        assertArrayEquals(new double[]{6}, levels, 1e-9, "outputs unscale to levels");

        SeriesFit diff = SeriesFit.fit(s, 0, 4, TargetTransform.DIFFERENCE);
        assertEquals(1, diff.target().mean(), 1e-12, "differences 1,1,1,1");
        assertEquals(1, diff.target().std(), 1e-12, "a constant difference is shifted, not divided");
        assertArrayEquals(new double[]{6, 7}, diff.levels(5, new double[]{0, 0}), 1e-9,
                "two steps of the mean difference from 5");
        assertTrue(diff.canForecastFrom(2, 2));
        assertTrue(!diff.canForecastFrom(1, 2), "a difference window of 2 ending at 1 needs position 0's predecessor");
    }

    @Test
    void covariatesAndTheMaskAreInputChannels() {
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] volume = {10, 20, Double.NaN, 40, 50, 60};
        SeriesAssembler.Assembled s = series(y, volume);
        assertEquals(20, s.covariates()[0][2], 0, "a missing covariate carries the last value forward");
        SeriesFit fit = SeriesFit.fit(s, 0, 3, TargetTransform.LEVEL);
        assertEquals(22.5, fit.covariates()[0].mean(), 1e-12, "covariate scaler on 10, 20, 20, 40 only");
        double[][] x = fit.inputs(s, 3, 2, true);
        assertEquals(3, x.length, "target, one covariate, the mask");
        assertArrayEquals(new double[]{0, 0}, x[2], 0, "nothing filled");
        assertThrows(IllegalArgumentException.class, () -> SeriesFit.fit(s, 0, 0, TargetTransform.LEVEL));
    }
}
