package io.sparkrnn.cli;

import org.apache.spark.SparkConf;

/**
 * Spark settings every job needs, applied only where the user (spark-submit, spark-defaults)
 * has not chosen otherwise: an embedded {@code local[*]} master when none is given, and Kryo
 * with ND4J's registrator, which moves arrays far faster than Java serialization.
 */
public final class SparkSetup {
    private SparkSetup() {
    }

    public static SparkConf conf(String appName) {
        SparkConf conf = new SparkConf()
                .setIfMissing("spark.app.name", appName)
                .setIfMissing("spark.master", "local[*]")
                .setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }
}
