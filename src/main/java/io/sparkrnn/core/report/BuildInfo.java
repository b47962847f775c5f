package io.sparkrnn.core.report;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of the project and of what it runs on, for provenance records. */
public final class BuildInfo {
    private static final Properties BUILD = load();

    private BuildInfo() {
    }

    public static String projectVersion() {
        return BUILD.getProperty("project.version", "unknown");
    }

    /** Project, Java, Scala, Spark (of the running context), DL4J and the ND4J backend. */
    public static Map<String, String> versions(String runningSparkVersion) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("spark-rnn", projectVersion());
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("scala", scala.util.Properties.versionNumberString());
        v.put("spark", runningSparkVersion);
        v.put("spark_built_against", BUILD.getProperty("spark.version", "unknown"));
        v.put("deeplearning4j", BUILD.getProperty("dl4j.version", "unknown"));
        v.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName() + " ("
                + BUILD.getProperty("nd4j.classifier", "?") + ")");
        Object blas = Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
        v.put("blas", String.valueOf(blas));
        String omp = System.getenv("OMP_NUM_THREADS");
        v.put("omp_num_threads", omp == null ? "unset" : omp);
        return v;
    }

    /** Where a job ran: master, application id, parallelism and serializer, for run.json. */
    public static Map<String, String> sparkInfo(org.apache.spark.api.java.JavaSparkContext sc) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("master", sc.master());
        s.put("app_id", sc.sc().applicationId());
        s.put("default_parallelism", String.valueOf(sc.defaultParallelism()));
        s.put("serializer", sc.getConf().get("spark.serializer", "org.apache.spark.serializer.JavaSerializer"));
        return s;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/sparkrnn/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The sum of the peak use of this JVM's heap pools so far. */
    public static long heapPeakBytes() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
