package io.sparkrnn.core.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * Spark settings every job needs, applied only where the user (spark-submit, spark-defaults)
 * has not chosen otherwise: an embedded {@code local[*]} master when none is given, and Kryo
 * with ND4J's registrator, which moves arrays far faster than Java serialization (plus, always,
 * the project's {@link RecordSerializers}, without which Kryo cannot move a record); and DL4J's
 * training clock set to the system clock on the driver and the executors, because its default
 * asks public NTP servers and fails the job on a cluster without internet access; and DL4J's
 * native layer helpers allowed on both, because its default leaves the oneDNN convolution,
 * pooling and batch normalisation of the project's natives unused (docs/performance.md).
 */
public final class SparkSetup {
    private SparkSetup() {
    }

    static final String TIME_SOURCE_PROPERTY = "org.deeplearning4j.spark.time.TimeSource";
    static final String SYSTEM_CLOCK = "org.deeplearning4j.spark.time.SystemClockTimeSource";
    static final String HELPERS_DISABLED_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    private static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

    /** Also sets the driver's DL4J time source and helper system properties, unless already set. */
    public static SparkConf conf(String appName) {
        if (System.getProperty(TIME_SOURCE_PROPERTY) == null) {
            System.setProperty(TIME_SOURCE_PROPERTY, SYSTEM_CLOCK);
        }
        if (System.getProperty(HELPERS_DISABLED_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLED_PROPERTY, "false");
        }
        SparkConf conf = new SparkConf()
                .setIfMissing("spark.app.name", appName)
                .setIfMissing("spark.master", "local[*]")
                .setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        String registrators = conf.get("spark.kryo.registrator");
        if (!registrators.contains(RecordSerializers.class.getName())) {
            conf.set("spark.kryo.registrator", registrators + "," + RecordSerializers.class.getName());
        }
        String executorOptions = conf.get(EXECUTOR_JAVA_OPTIONS, "");
        if (!executorOptions.contains(TIME_SOURCE_PROPERTY)) {
            executorOptions = (executorOptions + " -D" + TIME_SOURCE_PROPERTY + "=" + SYSTEM_CLOCK).trim();
        }
        if (!executorOptions.contains(HELPERS_DISABLED_PROPERTY)) {
            executorOptions = (executorOptions + " -D" + HELPERS_DISABLED_PROPERTY + "=false").trim();
        }
        conf.set(EXECUTOR_JAVA_OPTIONS, executorOptions);
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    /**
     * The Hadoop configuration a Spark context would give, for storage access before one is
     * started: the cluster's *-site.xml files plus every {@code spark.hadoop.*} setting.
     */
    public static Configuration hadoopConfiguration(SparkConf conf) {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> kv : conf.getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(kv._1(), kv._2());
        }
        return hadoop;
    }
}
