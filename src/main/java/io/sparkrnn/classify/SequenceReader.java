package io.sparkrnn.classify;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.table.TableInput;
import io.sparkrnn.core.table.TableReader;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one side (training or test) of a classification input through the shared table reader
 * (CSV or Parquet, any Hadoop file system, every row kept), settles the feature columns, which
 * both sides must share, and parses every row into a {@link StepRow}, rejected ones included.
 */
public final class SequenceReader {
    private SequenceReader() {
    }

    /** The table of one side, its feature columns and every line parsed or rejected. */
    public record Side(String key, TableReader table, List<String> featureColumns, JavaRDD<StepRow> rows) {
    }

    /**
     * @param key    the configuration key naming these inputs ({@code data.train} or {@code data.test}),
     *               used in messages
     * @param inputs the inputs of that key
     */
    public static Side read(SparkSession spark, ClassifyConfig.Data data, Storage storage, String key,
                            List<String> inputs) throws IOException {
        TableReader table = TableReader.open(spark, storage, new TableInput(key, inputs, data.format(),
                data.csvDelimiter()));
        List<String> available = table.columns();
        List<String> named = new ArrayList<>(List.of(data.idColumn(), data.labelColumn()));
        if (!data.orderColumn().isEmpty()) {
            named.add(data.orderColumn());
        }
        List<String> features = data.featureColumns().isEmpty()
                ? available.stream().filter(c -> !named.contains(c) && !c.startsWith("_c")).toList()
                : data.featureColumns();
        if (features.isEmpty() && named.stream().allMatch(available::contains)) {
            throw new DataException(key + ": " + table.files().get(0).path() + " has no column left for features "
                    + "after the id, label and order columns " + named + "; the columns are " + available);
        }
        List<String> needed = new ArrayList<>(named);
        needed.addAll(features);
        JavaRDD<StepRow> rows = table.rows(needed, "data.id-column, data.label-column, data.order-column, "
                + "data.feature-columns").map(new ParseSteps(data.idColumn(), data.labelColumn(), data.orderColumn(),
                features));
        return new Side(key, table, features, rows);
    }
}
