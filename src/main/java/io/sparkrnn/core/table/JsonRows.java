package io.sparkrnn.core.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.io.Storage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * JSON lines as table rows: one object per line, its keys the columns (the first object of each
 * file names them; an object may leave a key out, which reads as no value). Spark's JSON reader
 * parses the lines with every needed column read as text; a line that is not a JSON object is a
 * malformed row with the line as it was, never dropped.
 */
final class JsonRows {
    static final String CORRUPT = "_spark_rnn_corrupt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows() {
    }

    /** The keys of the first object of each file, in order of first appearance. */
    static List<String> keys(Storage storage, TableInput input, List<InputFile> files) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (InputFile f : files) {
            String line = firstLine(storage, f.path());
            if (line == null) {
                throw new DataException(input.key() + ": " + f.path() + " holds no JSON object; a JSON lines input "
                        + "needs one object per line, e.g. {\"image\": \"a.png\", \"caption\": \"a red apple\"}");
            }
            JsonNode first;
            try {
                first = JSON.readTree(line);
            } catch (IOException e) {
                first = null;
            }
            if (first == null || !first.isObject()) {
                throw new DataException(input.key() + ": the first line of " + f.path() + " is not a JSON object: "
                        + abbreviate(line) + "; a JSON lines input needs one object per line");
            }
            first.fieldNames().forEachRemaining(keys::add);
        }
        return new ArrayList<>(keys);
    }

    /** Every line of the files with the cells of {@code needed} in that order. */
    static JavaRDD<TableRow> read(SparkSession spark, String[] paths, List<String> needed) {
        List<StructField> fields = new ArrayList<>();
        needed.forEach(c -> fields.add(DataTypes.createStructField(c, DataTypes.StringType, true)));
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        StructType schema = DataTypes.createStructType(fields);
        List<Column> select = new ArrayList<>();
        needed.forEach(c -> select.add(functions.col("`" + c + "`")));
        select.add(functions.col(CORRUPT));
        select.add(functions.input_file_name().as(TableReader.FILE_COLUMN));
        select.add(functions.monotonically_increasing_id().as(TableReader.ORDER_COLUMN));
        return spark.read().schema(schema).option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                .json(paths).select(select.toArray(new Column[0])).javaRDD().map(new AsTableRow(List.copyOf(needed)));
    }

    private static String firstLine(Storage storage, String path) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(storage.openDecompressed(path),
                StandardCharsets.UTF_8))) {
            Iterator<String> lines = in.lines().iterator();
            while (lines.hasNext()) {
                String line = lines.next().replace("\uFEFF", "");
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    /**
     * A parsed line (the needed cells, the corrupt-record text, file, position) as a table row; a
     * good row's text is the object of its needed cells.
     */
    record AsTableRow(List<String> names) implements Function<Row, TableRow> {
        @Override
        public TableRow call(Row row) {
            int columns = names.size();
            String file = row.getString(columns + 1);
            long position = row.getLong(columns + 2);
            if (!row.isNullAt(columns)) {
                return TableRow.malformed(file, position, row.getString(columns), "not a JSON object");
            }
            String[] cells = new String[columns];
            ObjectNode text = JSON.createObjectNode();
            for (int i = 0; i < columns; i++) {
                cells[i] = row.isNullAt(i) ? null : row.getString(i);
                text.put(names.get(i), cells[i]);
            }
            return TableRow.row(file, position, cells, text.toString());
        }
    }
}
