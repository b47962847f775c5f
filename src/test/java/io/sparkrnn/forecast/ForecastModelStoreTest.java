package io.sparkrnn.forecast;

import io.sparkrnn.core.stats.Standardizer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** transforms.json: what turns a saved network's outputs back into values. */
class ForecastModelStoreTest {
    @Test
    void transformsRoundTripExactly() throws IOException {
        SeriesFit a = new SeriesFit("AAPL", TargetTransform.LOG_RETURN, new Standardizer(0.0011, 0.0173),
                new Standardizer[]{new Standardizer(2.5e7, 1.1e7)}, LocalDate.parse("2017-12-29").toEpochDay());
        SeriesFit b = new SeriesFit("COKE", TargetTransform.LOG_RETURN, new Standardizer(-0.0002, 0.0131), new Standardizer[]{
            new Standardizer(1e5, 3e4)}, LocalDate.parse("2017-12-28").toEpochDay());
        String json = ForecastModelStore.transformsJson(List.of(b, a));
        assertTrue(json.indexOf("AAPL") < json.indexOf("COKE"), "sorted by series: " + json);
        Map<String, SeriesFit> back = ForecastModelStore.parseTransforms(json, "transforms.json");
        assertEquals(2, back.size());
        SeriesFit r = back.get("AAPL");
        assertEquals(a.target(), r.target());
        assertArrayEquals(a.covariates(), r.covariates());
        assertEquals(a.originDay(), r.originDay());
        assertEquals(TargetTransform.LOG_RETURN, r.transform());
        IOException e = assertThrows(IOException.class,
                () -> ForecastModelStore.parseTransforms("{\"series\":[{\"id\":\"x\"}]}", "m/transforms.json"));
        assertTrue(e.getMessage().startsWith("m/transforms.json: unreadable entry"), e.getMessage());
    }
}
