package io.sparkrnn.core.table;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.io.Storage;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a table input the same way for every job: CSV (a header line names the columns; every
 * file must have the same one; each line split by {@link SplitLines}), Parquet (the needed
 * columns cast to text) or JSON lines ({@link JsonRows}), from any Hadoop file system. Before any Spark job it checks that every
 * path matches a file and that the files hold the columns asked for, with a message naming the
 * configuration key, the file, its columns and the missing ones.
 */
public final class TableReader {
    static final String FILE_COLUMN = "_spark_rnn_file";
    static final String ORDER_COLUMN = "_spark_rnn_order";

    private final SparkSession spark;
    private final TableInput input;
    private final List<InputFile> files;
    private final List<String> columns;

    private TableReader(SparkSession spark, TableInput input, List<InputFile> files, List<String> columns) {
        this.spark = spark;
        this.input = input;
        this.files = files;
        this.columns = columns;
    }

    /** Finds the files of {@code input} and reads their columns. */
    public static TableReader open(SparkSession spark, Storage storage, TableInput input) throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (String path : input.paths()) {
            List<FileStatus> found = storage.expandInputs(path);
            if (found.isEmpty()) {
                throw new DataException(input.key() + ": '" + path + "' matches no file (a missing path, an empty "
                        + "folder or a glob that matches nothing)");
            }
            found.forEach(f -> files.add(new InputFile(f.getPath().toString(), f.getLen())));
        }
        List<String> columns = switch (input.format()) {
            case CSV -> csvHeader(storage, input, files);
            case PARQUET -> Arrays.asList(spark.read().parquet(paths(files)).columns());
            case JSON -> JsonRows.keys(storage, input, files);
        };
        return new TableReader(spark, input, List.copyOf(files), List.copyOf(columns));
    }

    public List<InputFile> files() {
        return files;
    }

    public long bytes() {
        return files.stream().mapToLong(InputFile::bytes).sum();
    }

    /** The columns of the table, in file order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * Every line of the files, each with the cells of {@code needed} in that order.
     *
     * @param keys the configuration keys that name columns, for the message when one is absent
     * @throws DataException when a needed column is not in the files
     */
    public JavaRDD<TableRow> rows(List<String> needed, String keys) {
        List<String> absent = needed.stream().filter(c -> !columns.contains(c)).toList();
        if (!absent.isEmpty()) {
            throw new DataException(input.key() + ": " + files.get(0).path() + (files.size() > 1
                    ? " (and the other inputs)" : "") + " has the columns " + columns + "; the configuration names "
                    + absent + ", which it does not have (" + keys + ")");
        }
        if (input.format() == TableFormat.JSON) {
            return JsonRows.read(spark, paths(files), needed);
        }
        List<Column> select = new ArrayList<>();
        if (input.format() == TableFormat.CSV) {
            select.add(functions.col("value"));
        } else {
            needed.forEach(c -> select.add(functions.col("`" + c + "`").cast(DataTypes.StringType)));
        }
        select.add(functions.input_file_name().as(FILE_COLUMN));
        select.add(functions.monotonically_increasing_id().as(ORDER_COLUMN));
        String[] paths = paths(files);
        var frame = input.format() == TableFormat.CSV ? spark.read().text(paths) : spark.read().parquet(paths);
        var rows = frame.select(select.toArray(new Column[0])).javaRDD();
        if (input.format() == TableFormat.CSV) {
            return rows.map(new SplitLines(columns, needed.stream().mapToInt(columns::indexOf).toArray(),
                    input.delimiterChar()));
        }
        return rows.map(new ParquetRows(needed.size(), input.delimiterChar()));
    }

    /** The header of the first file (its first line); every other file must have the same one. */
    private static List<String> csvHeader(Storage storage, TableInput input, List<InputFile> files) throws IOException {
        List<String> header = null;
        for (InputFile f : files) {
            String line;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(storage.openDecompressed(f.path()),
                    StandardCharsets.UTF_8))) {
                line = in.readLine();
            }
            if (line == null || line.isBlank()) {
                throw new DataException(input.key() + ": " + f.path() + " is empty or starts with a blank line; a CSV "
                        + "input needs a header line naming its columns");
            }
            String[] cells = SplitLines.parser(input.delimiterChar(), 0).parseLine(line.replace("\uFEFF", ""));
            List<String> h = SplitLines.columnNames(cells == null ? new String[0] : cells);
            if (header == null) {
                header = h;
            } else if (!header.equals(h)) {
                throw new DataException(input.key() + ": " + f.path() + " has the header " + h + " but "
                        + files.get(0).path() + " has " + header + "; all input files must have the same columns");
            }
        }
        return header;
    }

    private static String[] paths(List<InputFile> files) {
        return files.stream().map(InputFile::path).toArray(String[]::new);
    }
}
