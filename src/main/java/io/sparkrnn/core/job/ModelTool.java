package io.sparkrnn.core.job;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.spark.SparkSetup;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;

/**
 * The run of every tool that applies a trained model on Spark ({@code jobs/forecast.sh},
 * {@code jobs/caption.sh}), so that they load, fail and answer alike: the model is loaded from
 * storage before any Spark context starts, so that a wrong path or an unusable model costs no
 * cluster resources; then the work runs. The exit codes are those the tools' help lists: 0 done,
 * 2 the configuration saved with the model is unusable, 3 the model, the input or the output
 * location is; anything else propagates (picocli answers 1).
 */
public final class ModelTool {
    private ModelTool() {
    }

    /** What a tool loads from storage before Spark starts: the model and what it needs of it. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Storage storage) throws IOException;
    }

    /** A tool's work on Spark with what it loaded. */
    @FunctionalInterface
    public interface Work<T> {
        void run(JavaSparkContext sc, T loaded) throws IOException;
    }

    /** Loads, then works on a Spark context named {@code appName}; returns the exit code. */
    public static <T> int run(String appName, Loader<T> loader, Work<T> work) throws IOException {
        SparkConf sparkConf = SparkSetup.conf(appName);
        T loaded;
        try {
            loaded = loader.load(new Storage(SparkSetup.hadoopConfiguration(sparkConf)));
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IOException | DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            work.run(sc, loaded);
            return 0;
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
    }
}
