package io.sparkrnn.series;

import io.sparkrnn.config.ForecastConfig;
import io.sparkrnn.data.DataException;
import io.sparkrnn.io.Storage;
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
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the input of a forecasting run with its declared schema: CSV (every cell as text,
 * header required) or Parquet (every column cast to text), long or wide layout, from any
 * Hadoop file system. Checks before any Spark job that the files exist and hold the declared
 * columns, and yields every row as parsed or rejected, never dropped.
 */
public final class SeriesReader {
    static final String FILE_COLUMN = "_spark_rnn_file";
    static final String CORRUPT_COLUMN = "_spark_rnn_corrupt_record";
    static final String ORDER_COLUMN = "_spark_rnn_order";

    private SeriesReader() {
    }

    /** The files read and, per row and series, what parsing made of it (with the file's name). */
    public record Input(List<String> files, long bytes, JavaRDD<Tuple2<String, RowParser.Parsed>> parsed,
                        List<String> seriesColumns) {
    }

    public static Input read(SparkSession spark, ForecastConfig.Data data, Storage storage) throws IOException {
        List<String> files = new ArrayList<>();
        long bytes = 0;
        for (String in : data.input()) {
            List<FileStatus> found = storage.expandInputs(in);
            if (found.isEmpty()) {
                throw new DataException("data.input: '" + in + "' matches no file (a missing path, an empty folder "
                        + "or a glob that matches nothing)");
            }
            for (FileStatus f : found) {
                files.add(f.getPath().toString());
                bytes += f.getLen();
            }
        }
        String delimiter = data.csvDelimiter().equals("\\t") ? "\t" : data.csvDelimiter();
        boolean csv = data.format() == ForecastConfig.Format.CSV;
        String[] paths = files.toArray(new String[0]);
        Dataset<Row> frame;
        if (csv) {
            List<String> header = csvHeader(spark, delimiter, files);
            List<StructField> fields = new ArrayList<>();
            for (String c : header) {
                fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
            }
            fields.add(DataTypes.createStructField(CORRUPT_COLUMN, DataTypes.StringType, true));
            frame = spark.read().option("header", "true").option("sep", delimiter).option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", CORRUPT_COLUMN).option("enforceSchema", "false")
                    .schema(DataTypes.createStructType(fields)).csv(paths);
        } else {
            frame = spark.read().parquet(paths);
        }
        Set<String> available = new LinkedHashSet<>(Arrays.asList(frame.columns()));
        available.remove(CORRUPT_COLUMN);
        List<String> seriesColumns = seriesColumns(data, available);
        List<String> needed = neededColumns(data, seriesColumns);
        List<String> absent = needed.stream().filter(c -> !available.contains(c)).toList();
        if (!absent.isEmpty()) {
            throw new DataException("data.input: " + files.get(0) + (files.size() > 1 ? " (and the other inputs)" : "")
                    + " has the columns " + available + "; the configuration names " + absent
                    + ", which it does not have (data.time-column, data.id-column, data.target-column, "
                    + "data.covariates, data.series-columns)");
        }
        List<Column> select = new ArrayList<>();
        for (String c : needed) {
            select.add(functions.col("`" + c + "`").cast(DataTypes.StringType));
        }
        select.add(functions.input_file_name().as(FILE_COLUMN));
        select.add(functions.monotonically_increasing_id().as(ORDER_COLUMN));
        if (csv) {
            select.add(functions.col(CORRUPT_COLUMN));
        }
        List<RowParser> parsers = new ArrayList<>();
        if (data.layout() == ForecastConfig.Layout.LONG) {
            parsers.add(new RowParser(data.idColumn().isEmpty() ? null : data.idColumn(), data.timeColumn(),
                    data.targetColumn(), data.covariates(), data.dateFormat()));
        } else {
            for (String s : seriesColumns) {
                parsers.add(new RowParser(null, data.timeColumn(), s, List.of(), data.dateFormat()));
            }
        }
        JavaRDD<Tuple2<String, RowParser.Parsed>> parsed = frame.select(select.toArray(new Column[0])).javaRDD()
                .flatMap(new ParseRows(needed, parsers, csv, delimiter));
        return new Input(files, bytes, parsed, seriesColumns);
    }

    /** The header of the first file; every other file must have the same one. */
    private static List<String> csvHeader(SparkSession spark, String delimiter, List<String> files) {
        List<String> header = null;
        for (String f : files) {
            List<String> h = Arrays.asList(spark.read().option("header", "true").option("sep", delimiter).csv(f)
                    .columns());
            if (header == null) {
                header = h;
            } else if (!header.equals(h)) {
                throw new DataException("data.input: " + f + " has the header " + h + " but " + files.get(0)
                        + " has " + header + "; all input files must have the same columns");
            }
        }
        return header;
    }

    private static List<String> seriesColumns(ForecastConfig.Data data, Set<String> available) {
        if (data.layout() == ForecastConfig.Layout.LONG) {
            return List.of();
        }
        if (!data.seriesColumns().isEmpty()) {
            return data.seriesColumns();
        }
        return available.stream().filter(c -> !c.equals(data.timeColumn()) && !c.startsWith("_c")).toList();
    }

    private static List<String> neededColumns(ForecastConfig.Data data, List<String> seriesColumns) {
        List<String> needed = new ArrayList<>();
        needed.add(data.timeColumn());
        if (data.layout() == ForecastConfig.Layout.LONG) {
            if (!data.idColumn().isEmpty()) {
                needed.add(data.idColumn());
            }
            needed.add(data.targetColumn());
            needed.addAll(data.covariates());
        } else {
            needed.addAll(seriesColumns);
        }
        return needed;
    }

    /** The schema of the rejected-rows output. */
    public static StructType rejectedSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("file", DataTypes.StringType, false),
                DataTypes.createStructField("kind", DataTypes.StringType, false),
                DataTypes.createStructField("reason", DataTypes.StringType, false),
                DataTypes.createStructField("row", DataTypes.StringType, true)));
    }
}
