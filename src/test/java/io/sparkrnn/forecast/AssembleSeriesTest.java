package io.sparkrnn.forecast;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which series a run can use, and the reason given for those it cannot. */
class AssembleSeriesTest {
    private static List<Observation> days(double... values) {
        List<Observation> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new Observation("s", LocalDate.of(2020, 1, 1).plusDays(i).toEpochDay(), values[i], new double[0]));
        }
        return rows;
    }

    private static AssembleSeries assembler(String... sets) {
        List<String> all = new ArrayList<>(List.of("data.input=x", "data.time-column=t", "data.target-column=y",
                "model.input-length=3", "model.horizon=2"));
        all.addAll(List.of(sets));
        return new AssembleSeries(ForecastConfig.LOADER.load(null, "/tmp/out", all));
    }

    @Test
    void aSeriesShorterThanLPlusHIsLeftOutWithItsLength() {
        // log-return (the default) loses one value: L + H + 1 = 6 needed
        var five = assembler().assemble("s", days(1, 2, 3, 4, 5));
        assertTrue(!five.usable());
        assertEquals("it has 5 values; a training window needs model.input-length + model.horizon + 1 = 6",
                five.excluded());
        assertTrue(assembler().assemble("s", days(1, 2, 3, 4, 5, 6)).usable());
        assertTrue(assembler("model.transform=level").assemble("s", days(1, 2, 3, 4, 5)).usable());
    }

    @Test
    void logReturnsRefuseValuesThatAreNotPositive() {
        var o = assembler().assemble("s", days(1, 2, 0, 4, 5, 6, 7));
        assertTrue(o.excluded().contains("needs positive values; it has 0.0 on 2020-01-03"), o.excluded());
        assertTrue(assembler("model.transform=difference").assemble("s", days(1, 2, 0, 4, 5, 6, 7)).usable());
    }

    @Test
    void aFailPolicyRefusesTheRun() {
        List<Observation> rows = new ArrayList<>(days(1, 2, 3, 4, 5, 6, 7));
        rows.add(rows.get(2));
        var o = assembler().assemble("s", rows); // data.duplicates defaults to fail
        assertNull(o.series());
        assertTrue(o.refused().startsWith("series 's' has 2 rows for 2020-01-03"), o.refused());
        assertTrue(assembler("data.duplicates=last").assemble("s", rows).usable());
    }
}
