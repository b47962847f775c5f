package io.sparkrnn.testing;

import io.sparkrnn.core.spark.SparkSetup;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one local Spark all integration tests share: {@code local[2]} (two tasks, as on the
 * build machine), UI off, bound to 127.0.0.1, with the jobs' own settings (Kryo and ND4J's
 * registrator). Started on first use, stopped when the test JVM exits.
 */
public final class SharedSpark {
    private static JavaSparkContext context;

    private SharedSpark() {
    }

    public static synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = SparkSetup.conf("spark-rnn tests")
                    .setMaster("local[2]")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            context = new JavaSparkContext(conf);
            JavaSparkContext sc = context;
            Runtime.getRuntime().addShutdownHook(new Thread(sc::stop));
        }
        return context;
    }
}
