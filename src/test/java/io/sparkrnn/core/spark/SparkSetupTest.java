package io.sparkrnn.core.spark;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The settings a job adds to the user's Spark configuration, and the ones it leaves alone. */
class SparkSetupTest {
    private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";
    private static final String CLOCK_OPTION = "-D" + SparkSetup.TIME_SOURCE_PROPERTY + "=" + SparkSetup.SYSTEM_CLOCK;
    private static final String HELPERS_OPTION = "-D" + SparkSetup.HELPERS_DISABLED_PROPERTY + "=false";

    @AfterEach
    void clearSparkProperties() {
        System.clearProperty("spark.master");
        System.clearProperty(EXECUTOR_OPTIONS);
        System.clearProperty("spark.serializer");
    }

    @Test
    void executorsGetTheSystemClockAndNativeHelpersBesideTheUsersOptions() {
        System.setProperty(EXECUTOR_OPTIONS, "-XX:+UseG1GC");
        SparkConf conf = SparkSetup.conf("t");
        assertEquals("-XX:+UseG1GC " + CLOCK_OPTION + " " + HELPERS_OPTION, conf.get(EXECUTOR_OPTIONS));
        assertEquals(SparkSetup.SYSTEM_CLOCK, System.getProperty(SparkSetup.TIME_SOURCE_PROPERTY));
        assertEquals("false", System.getProperty(SparkSetup.HELPERS_DISABLED_PROPERTY), "helpers allowed on the driver");
    }

    @Test
    void helpersTheUserDisabledStayDisabled() {
        String own = "-D" + SparkSetup.HELPERS_DISABLED_PROPERTY + "=true";
        System.setProperty(EXECUTOR_OPTIONS, own);
        assertEquals(own + " " + CLOCK_OPTION, SparkSetup.conf("t").get(EXECUTOR_OPTIONS));
    }

    @Test
    void aTimeSourceTheUserChoseIsKept() {
        String own = "-D" + SparkSetup.TIME_SOURCE_PROPERTY + "=org.deeplearning4j.spark.time.NTPTimeSource";
        System.setProperty(EXECUTOR_OPTIONS, own);
        assertEquals(own + " " + HELPERS_OPTION, SparkSetup.conf("t").get(EXECUTOR_OPTIONS));
        System.clearProperty(EXECUTOR_OPTIONS);
        assertEquals(CLOCK_OPTION + " " + HELPERS_OPTION, SparkSetup.conf("t").get(EXECUTOR_OPTIONS));
    }

    @Test
    void localDefaultsOnlyWhereNothingIsConfigured() {
        SparkConf local = SparkSetup.conf("t");
        assertEquals("local[*]", local.get("spark.master"));
        assertEquals("127.0.0.1", local.get("spark.driver.host"));
        assertEquals("org.apache.spark.serializer.KryoSerializer", local.get("spark.serializer"));

        System.setProperty("spark.master", "spark://10.0.0.1:7077");
        System.setProperty("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
        SparkConf cluster = SparkSetup.conf("t");
        assertEquals("spark://10.0.0.1:7077", cluster.get("spark.master"));
        assertEquals(false, cluster.contains("spark.driver.host"), "no loopback driver host on a cluster");
        assertEquals("org.apache.spark.serializer.JavaSerializer", cluster.get("spark.serializer"));
    }
}
