package io.sparkrnn.forecast;

import io.sparkrnn.core.table.TableInput;
import io.sparkrnn.core.table.TableReader;
import io.sparkrnn.core.table.TableRow;
import io.sparkrnn.core.io.Storage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the input of a forecasting run with its declared schema through the shared table
 * reader (CSV or Parquet, any Hadoop file system, every row kept), long or wide layout, and
 * yields every row as parsed or rejected, never dropped.
 */
public final class SeriesReader {
    private SeriesReader() {
    }

    /** The table read and, per line and series, what parsing made of it. */
    public record Input(TableReader table, JavaRDD<Tuple2<String, RowParser.Parsed>> parsed,
                        List<String> seriesColumns) {
    }

    public static Input read(SparkSession spark, ForecastConfig.Data data, Storage storage) throws IOException {
        TableReader table = TableReader.open(spark, storage, new TableInput("data.input", data.input(), data.format(),
                data.csvDelimiter()));
        List<String> seriesColumns = seriesColumns(data, table.columns());
        List<String> needed = neededColumns(data, seriesColumns);
        List<RowParser> parsers = new ArrayList<>();
        if (data.layout() == ForecastConfig.Layout.LONG) {
            parsers.add(new RowParser(data.idColumn().isEmpty() ? null : data.idColumn(), data.timeColumn(),
                    data.targetColumn(), data.covariates(), data.dateFormat()));
        } else {
            for (String s : seriesColumns) {
                parsers.add(new RowParser(null, data.timeColumn(), s, List.of(), data.dateFormat()));
            }
        }
        JavaRDD<TableRow> lines = table.rows(needed, "data.time-column, data.id-column, data.target-column, "
                + "data.covariates, data.series-columns");
        return new Input(table, lines.flatMap(new ParseRows(needed, parsers)), seriesColumns);
    }

    private static List<String> seriesColumns(ForecastConfig.Data data, List<String> available) {
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
}
