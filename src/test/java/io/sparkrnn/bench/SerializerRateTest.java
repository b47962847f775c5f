package io.sparkrnn.bench;

import io.sparkrnn.core.spark.SparkSetup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's serializer measurement runs both settings and reports what it moved. */
class SerializerRateTest {
    @Test
    void measuresBothSerializersOnTheSameState() {
        SerializerRate.Rate rate = SerializerRate.measure(SparkSetup.conf("t"), 200_000, 0);
        assertEquals(800_000, rate.bytes());
        assertTrue(rate.nd4jSeconds() > 0 && rate.projectSeconds() > 0,
                "seconds per round trip: " + rate.nd4jSeconds() + " and " + rate.projectSeconds());
    }
}
