package io.sparkrnn.core.table;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-row matrix through the one table reader forecasting and classification share, on
 * Spark: every line of the input comes back, as a row, a malformed row (surplus or missing
 * cells), a blank line or a repeated header; quoted delimiters, a byte-order mark, Windows line
 * ends and Parquet nulls are read as what they are; JSON lines are rows and a line that is not
 * an object is malformed; and the rejected rows are kept.
 */
class TableReaderIT {
    private static final List<String> NEEDED = List.of("id", "t", "x");
    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void session() {
        spark = SparkSession.builder().sparkContext(SharedSpark.context().sc()).getOrCreate();
    }

    private static List<TableRow> read(TableInput input) throws IOException {
        TableReader reader = TableReader.open(spark, Storage.local(), input);
        return reader.rows(NEEDED, "data.id-column, data.time-column, data.target-column").collect().stream()
                .sorted(Comparator.comparing(TableRow::file).thenComparingLong(TableRow::position)).toList();
    }

    private static Map<TableRow.Kind, Long> kinds(List<TableRow> rows) {
        return rows.stream().collect(Collectors.groupingBy(TableRow::kind, Collectors.counting()));
    }

    @Test
    void everyCsvLineComesBackAsWhatItIs() throws IOException {
        Path a = dir.resolve("csv/a.csv");
        Files.createDirectories(a.getParent());
        // A byte-order mark before the header; x before t, to check that cells come in the order asked for.
        Files.writeString(a, "\uFEFFid,x,t\n"
                + "s1,0.5,1\n"                 // good
                + "s1,0.6,2,surplus\n"         // a cell too many
                + "s1,0.7\n"                   // a cell too few
                + "\n"                         // blank
                + "id,x,t\n"                   // the header again (files concatenated)
                + "\"s,2\",1.5,3\n"            // a quoted delimiter
                + "s3,,4\n", StandardCharsets.UTF_8); // an empty cell: a missing value, not a bad row
        Files.writeString(dir.resolve("csv/b.csv"), "id,x,t\r\ns4,2.5,5\r\n", StandardCharsets.UTF_8);

        List<TableRow> rows = read(new TableInput("data.input", List.of(dir.resolve("csv").toString()),
                TableFormat.CSV, ","));

        assertEquals(10, rows.size(), "every line of both files, headers included: " + rows.size());
        assertEquals(Map.of(TableRow.Kind.ROW, 4L, TableRow.Kind.MALFORMED, 2L, TableRow.Kind.BLANK, 1L,
                TableRow.Kind.HEADER, 3L), kinds(rows), "kinds of the lines read");
        assertEquals(TableRow.Kind.HEADER, rows.get(0).kind(), "the header after a byte-order mark is the header");
        List<TableRow> good = rows.stream().filter(r -> r.kind() == TableRow.Kind.ROW).toList();
        assertArrayEquals(new String[]{"s1", "1", "0.5"}, good.get(0).cells(), "cells in the order asked for");
        assertArrayEquals(new String[]{"s,2", "3", "1.5"}, good.get(1).cells(), "a quoted delimiter is part of the cell");
        assertEquals("", good.get(2).cell(2), "an empty cell is read as empty");
        assertTrue(Cells.isMissing(good.get(2).cell(2)), "and counts as a missing value");
        assertArrayEquals(new String[]{"s4", "5", "2.5"}, good.get(3).cells(), "Windows line ends are not in the cells");

        List<TableRow> bad = rows.stream().filter(r -> r.kind() == TableRow.Kind.MALFORMED).toList();
        assertEquals("s1,0.6,2,surplus", bad.get(0).raw(), "the malformed line keeps its text");
        assertTrue(bad.get(0).reason().contains("4 cells where the header has 3"), bad.get(0).reason());
        assertTrue(bad.get(1).reason().contains("2 cells where the header has 3"), bad.get(1).reason());
        assertEquals("s1", bad.get(1).cellIfAny(0), "a short line still tells its record");
        assertNull(bad.get(1).cellIfAny(1), "and has no cell where it is too short");
    }

    @Test
    void rejectedRowsAreKeptWithTheirFileAndReason() throws IOException {
        Path in = dir.resolve("reject/in.csv");
        Files.createDirectories(in.getParent());
        Files.writeString(in, "id,x,t\ns1,1,1\ns1,2\ns1,3,3,3\n", StandardCharsets.UTF_8);
        TableReader reader = TableReader.open(spark, Storage.local(), new TableInput("data.input",
                List.of(in.toString()), TableFormat.CSV, ","));
        var rejected = reader.rows(NEEDED, "columns").filter(r -> r.kind() == TableRow.Kind.MALFORMED)
                .map(Rejection::of);
        String out = dir.resolve("reject/out/rejected").toUri().toString();
        Rejections.write(spark, Storage.local(), rejected, out);

        Dataset<Row> back = spark.read().option("header", "true").csv(out);
        List<Row> kept = back.collectAsList();
        assertEquals(2, kept.size(), "both malformed rows are kept: " + kept);
        for (Row r : kept) {
            assertEquals(Rejection.MALFORMED, r.getAs("kind"), "kind of " + r);
            assertTrue(((String) r.getAs("file")).endsWith("in.csv"), "file of " + r);
        }
        assertTrue(Files.exists(dir.resolve("reject/out/rejected/_SUCCESS")), "_SUCCESS written last");
    }

    @Test
    void parquetNullsAreMissingValuesAndNumbersAreText() throws IOException {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("t", DataTypes.IntegerType)
                .add("x", DataTypes.DoubleType, true);
        String path = dir.resolve("parquet/series").toString();
        spark.createDataFrame(List.of(RowFactory.create("s1", 1, 0.25), RowFactory.create("s1", 2, null)), schema)
                .coalesce(1).write().parquet(path);

        List<TableRow> rows = read(new TableInput("data.input", List.of(path), TableFormat.PARQUET, ","));

        assertEquals(2, rows.size(), "every Parquet row: " + rows.size());
        assertEquals(Map.of(TableRow.Kind.ROW, 2L), kinds(rows), "Parquet rows are all rows");
        assertArrayEquals(new String[]{"s1", "1", "0.25"}, rows.get(0).cells(), Arrays.toString(rows.get(0).cells()));
        assertNull(rows.get(1).cell(2), "a null cell stays null");
        assertTrue(Cells.isMissing(rows.get(1).cell(2)), "and is a missing value");
        assertEquals("s1,2,", rows.get(1).raw(), "a Parquet row's text reads like a CSV line");
    }

    @Test
    void aMissingColumnIsNamedWithTheFileAndTheKeys() throws IOException {
        Path in = dir.resolve("columns/in.csv");
        Files.createDirectories(in.getParent());
        Files.writeString(in, "id,t,value\ns1,1,1\n", StandardCharsets.UTF_8);
        TableReader reader = TableReader.open(spark, Storage.local(), new TableInput("data.input",
                List.of(in.toString()), TableFormat.CSV, ","));
        DataException e = assertThrows(DataException.class, () -> reader.rows(NEEDED, "data.target-column"));
        assertTrue(e.getMessage().contains("in.csv") && e.getMessage().contains("[x]")
                && e.getMessage().contains("data.target-column"), e.getMessage());
    }

    @Test
    void jsonLinesAreRowsAndALineThatIsNotAnObjectIsMalformed() throws IOException {
        Path in = dir.resolve("json/in.jsonl");
        Files.createDirectories(in.getParent());
        Files.writeString(in, "{\"id\": \"s1\", \"t\": 1, \"x\": 0.5, \"note\": \"extra keys are fine\"}\n"
                + "{\"id\": \"s1\", \"t\": 2}\n"
                + "not json at all\n"
                + "{\"id\": \"s2\", \"t\": 1, \"x\": \"a, quoted, text\"}\n", StandardCharsets.UTF_8);

        List<TableRow> rows = read(new TableInput("data.input", List.of(in.toString()), TableFormat.JSON, ","));

        assertEquals(4, rows.size(), "every line comes back: " + rows.size());
        assertEquals(Map.of(TableRow.Kind.ROW, 3L, TableRow.Kind.MALFORMED, 1L), kinds(rows), "kinds of " + rows);
        assertArrayEquals(new String[]{"s1", "1", "0.5"}, rows.get(0).cells(), Arrays.toString(rows.get(0).cells()));
        assertNull(rows.get(1).cell(2), "a key the object leaves out has no value");
        assertEquals("not json at all", rows.get(2).raw(), "the malformed line as it was");
        assertEquals("a, quoted, text", rows.get(3).cell(2));

        Path bad = dir.resolve("json/bad.jsonl");
        Files.writeString(bad, "[1, 2]\n", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> TableReader.open(spark, Storage.local(),
                new TableInput("data.captions", List.of(bad.toString()), TableFormat.JSON, ",")));
        assertTrue(e.getMessage().contains("data.captions") && e.getMessage().contains("bad.jsonl"), e.getMessage());
    }
}
