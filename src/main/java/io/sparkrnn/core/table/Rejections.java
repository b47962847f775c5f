package io.sparkrnn.core.table;

import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.io.Storage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.List;

/** Writes a run's rejected rows as one CSV (file, kind, reason, row), placed atomically. */
public final class Rejections {
    private Rejections() {
    }

    /** The schema of the rejected-rows output. */
    public static StructType schema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("file", DataTypes.StringType, false),
                DataTypes.createStructField("kind", DataTypes.StringType, false),
                DataTypes.createStructField("reason", DataTypes.StringType, false),
                DataTypes.createStructField("row", DataTypes.StringType, true)));
    }

    public static void write(SparkSession spark, Storage storage, JavaRDD<Rejection> rejected, String path)
            throws IOException {
        new FrameWriter(storage).csv(spark.createDataFrame(rejected.map(new AsRow()), schema()), path, true);
    }

    /** A rejection as a row of {@link #schema()}. */
    static final class AsRow implements Function<Rejection, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row call(Rejection r) {
            return RowFactory.create(r.file(), r.kind(), r.reason(), r.row());
        }
    }
}
