package io.sparkrnn.classify;

import io.sparkrnn.core.table.TableFormat;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one side (training or test) of a classification input with Spark SQL: CSV with a header
 * (every cell as text, malformed lines kept with their text) or Parquet (the needed columns cast
 * to text), from any Hadoop file system. Before any Spark job it checks that the files exist and
 * hold the configured columns, and settles the feature columns, which both sides must share.
 */
public final class SequenceReader {
    private static final String MALFORMED = "_spark_rnn_malformed";

    private SequenceReader() {
    }

    /** The files of one side, their size, the feature columns and every row parsed or rejected. */
    public record Side(String key, List<String> files, long bytes, List<String> featureColumns,
                       JavaRDD<StepRow> rows) {
    }

    /**
     * @param key    the configuration key naming these inputs ({@code data.train} or {@code data.test}),
     *               used in messages
     * @param inputs the inputs of that key
     */
    public static Side read(SparkSession spark, ClassifyConfig.Data data, Storage storage, String key,
                            List<String> inputs) throws IOException {
        List<String> files = new ArrayList<>();
        long bytes = 0;
        for (String in : inputs) {
            List<FileStatus> found = storage.expandInputs(in);
            if (found.isEmpty()) {
                throw new DataException(key + ": '" + in + "' matches no file (a missing path, an empty folder or "
                        + "a glob that matches nothing)");
            }
            for (FileStatus f : found) {
                files.add(f.getPath().toString());
                bytes += f.getLen();
            }
        }
        String[] paths = files.toArray(new String[0]);
        boolean csv = data.format() == TableFormat.CSV;
        String delimiter = data.csvDelimiter().equals("\\t") ? "\t" : data.csvDelimiter();
        List<String> available = csv
                ? Arrays.asList(spark.read().option("header", "true").option("sep", delimiter).csv(paths).columns())
                : Arrays.asList(spark.read().parquet(paths).columns());
        List<String> named = new ArrayList<>(List.of(data.idColumn(), data.labelColumn()));
        if (!data.orderColumn().isEmpty()) {
            named.add(data.orderColumn());
        }
        List<String> features = data.featureColumns().isEmpty()
                ? available.stream().filter(c -> !named.contains(c) && !c.startsWith("_c")).toList()
                : data.featureColumns();
        List<String> needed = new ArrayList<>(named);
        needed.addAll(features);
        List<String> absent = needed.stream().filter(c -> !available.contains(c)).toList();
        if (!absent.isEmpty()) {
            throw new DataException(key + ": " + files.get(0) + (files.size() > 1 ? " (and the other inputs)" : "")
                    + " has the columns " + available + "; the configuration names " + absent + ", which it does not "
                    + "have (data.id-column, data.label-column, data.order-column, data.feature-columns)");
        }
        if (features.isEmpty()) {
            throw new DataException(key + ": " + files.get(0) + " has no column left for features after the id, label "
                    + "and order columns " + named + "; the columns are " + available);
        }
        Dataset<Row> frame;
        List<String> columns;
        List<Column> select = new ArrayList<>();
        if (csv) {
            List<StructField> fields = new ArrayList<>();
            for (String c : available) {
                fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
            }
            fields.add(DataTypes.createStructField(MALFORMED, DataTypes.StringType, true));
            StructType schema = DataTypes.createStructType(fields);
            frame = spark.read().option("header", "true").option("sep", delimiter).option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", MALFORMED).schema(schema).csv(paths);
            columns = available;
            for (String c : columns) {
                select.add(functions.col("`" + c + "`"));
            }
        } else {
            frame = spark.read().parquet(paths);
            columns = needed;
            for (String c : columns) {
                select.add(functions.col("`" + c + "`").cast(DataTypes.StringType));
            }
        }
        select.add(functions.input_file_name());
        select.add(functions.monotonically_increasing_id());
        select.add(csv ? functions.col(MALFORMED) : functions.lit(null).cast(DataTypes.StringType));
        JavaRDD<StepRow> rows = frame.select(select.toArray(new Column[0])).javaRDD()
                .map(new ParseSteps(columns, data.idColumn(), data.labelColumn(), data.orderColumn(), features));
        return new Side(key, files, bytes, features, rows);
    }
}
