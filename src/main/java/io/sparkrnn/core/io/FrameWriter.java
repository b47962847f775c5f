package io.sparkrnn.core.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.io.IOException;
import java.util.UUID;

/**
 * Writes Spark tables (forecasts, rejected rows) into a run's output folder as a reader
 * expects from the rest of the folder: the parts go to a hidden temporary folder beside the
 * target, which is renamed into place once Spark has finished, so no reader ever sees half a
 * table.
 */
public final class FrameWriter {
    private final Storage storage;

    public FrameWriter(Storage storage) {
        this.storage = storage;
    }

    /** Parquet, the form the next stage of a pipeline reads. */
    public void parquet(Dataset<Row> frame, String target) throws IOException {
        String tmp = temporary(target);
        frame.write().mode(SaveMode.ErrorIfExists).parquet(tmp);
        storage.replaceFolder(tmp, target);
    }

    /**
     * CSV with a header; {@code singleFile} gathers the rows into one part file (for small
     * tables people open by hand), otherwise one part per partition.
     */
    public void csv(Dataset<Row> frame, String target, boolean singleFile) throws IOException {
        String tmp = temporary(target);
        (singleFile ? frame.coalesce(1) : frame).write().mode(SaveMode.ErrorIfExists)
                .option("header", "true").option("emptyValue", "").csv(tmp);
        storage.replaceFolder(tmp, target);
    }

    private static String temporary(String target) {
        int slash = target.lastIndexOf('/');
        return target.substring(0, slash + 1) + "." + target.substring(slash + 1) + ".tmp-" + UUID.randomUUID();
    }
}
