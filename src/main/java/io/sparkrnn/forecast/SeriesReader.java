package io.sparkrnn.forecast;

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
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the input of a forecasting run with its declared schema: CSV (header required; each
 * line split by {@link ParseRows}, one record per line) or Parquet (every needed column cast to
 * text), long or wide layout, from any
 * Hadoop file system. Checks before any Spark job that the files exist and hold the declared
 * columns, and yields every row as parsed or rejected, never dropped.
 */
public final class SeriesReader {
    static final String FILE_COLUMN = "_spark_rnn_file";
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
        boolean csv = data.format() == TableFormat.CSV;
        String[] paths = files.toArray(new String[0]);
        Set<String> available;
        if (csv) {
            available = new LinkedHashSet<>(csvHeader(storage, delimiter.charAt(0), files));
        } else {
            available = new LinkedHashSet<>(Arrays.asList(spark.read().parquet(paths).columns()));
        }
        List<String> seriesColumns = seriesColumns(data, available);
        List<String> needed = neededColumns(data, seriesColumns);
        List<String> absent = needed.stream().filter(c -> !available.contains(c)).toList();
        if (!absent.isEmpty()) {
            throw new DataException("data.input: " + files.get(0) + (files.size() > 1 ? " (and the other inputs)" : "")
                    + " has the columns " + available + "; the configuration names " + absent
                    + ", which it does not have (data.time-column, data.id-column, data.target-column, "
                    + "data.covariates, data.series-columns)");
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
        List<Column> select = new ArrayList<>();
        Dataset<Row> frame;
        List<String> columns;
        if (csv) {
            frame = spark.read().text(paths);
            select.add(functions.col("value"));
            columns = List.copyOf(available);
        } else {
            frame = spark.read().parquet(paths);
            for (String c : needed) {
                select.add(functions.col("`" + c + "`").cast(DataTypes.StringType));
            }
            columns = needed;
        }
        select.add(functions.input_file_name().as(FILE_COLUMN));
        select.add(functions.monotonically_increasing_id().as(ORDER_COLUMN));
        JavaRDD<Tuple2<String, RowParser.Parsed>> parsed = frame.select(select.toArray(new Column[0])).javaRDD()
                .flatMap(new ParseRows(columns, parsers, csv, delimiter.charAt(0)));
        return new Input(files, bytes, parsed, seriesColumns);
    }

    /** The header of the first file (its first line); every other file must have the same one. */
    private static List<String> csvHeader(Storage storage, char delimiter, List<String> files) throws IOException {
        ParseRows splitter = new ParseRows(List.of(), List.of(), true, delimiter);
        List<String> header = null;
        for (String f : files) {
            String line;
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(storage.openDecompressed(f),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                line = in.readLine();
            }
            if (line == null || line.isBlank()) {
                throw new DataException("data.input: " + f + " is empty or starts with a blank line; a CSV input needs "
                        + "a header line naming its columns");
            }
            List<String> h = ParseRows.columnNames(splitter.split(line.replace("\uFEFF", "")));
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
