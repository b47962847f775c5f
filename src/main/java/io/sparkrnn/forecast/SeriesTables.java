package io.sparkrnn.forecast;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.Rejections;
import io.sparkrnn.core.io.Storage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series of a run as Spark tables: the input read and parsed (rejected rows counted by
 * kind and written with their reasons), grouped by series so that each series is assembled,
 * windowed and evaluated on one executor, plus the driver-side facts the plan and the report
 * need (the calendar of times, per-series statistics, the series drawn in the report).
 */
public final class SeriesTables {
    private final JavaSparkContext sc;
    private final ForecastConfig config;
    private final Storage storage;
    private final SparkSession spark;

    public SeriesTables(JavaSparkContext sc, ForecastConfig config, Storage storage) {
        this.sc = sc;
        this.config = config;
        this.storage = storage;
        this.spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }

    public SparkSession spark() {
        return spark;
    }

    /**
     * The input after reading and assembly.
     *
     * @param outcomes every series (usable or not), partitioned by series and cached
     * @param calendar the sorted union of the usable series' times
     */
    public record Ingested(ForecastSummary.InputStats input, List<InputFile> inputFiles,
                           List<ForecastSummary.SeriesStats> series, JavaRDD<AssembleSeries.Outcome> outcomes,
                           long[] calendar, int usableCount) {
    }

    /**
     * Reads, parses and assembles the input; rejected rows go to {@code rejectedPath} (CSV with
     * file, kind, reason and the row) when there are any.
     *
     * @throws DataException when the configured policy refuses a series, or nothing is usable
     */
    public Ingested ingest(String rejectedPath) throws IOException {
        return ingest(rejectedPath, true);
    }

    /** As {@link #ingest(String)}; {@code requireUsable} false lets a run go on with no series fit for training. */
    public Ingested ingest(String rejectedPath, boolean requireUsable) throws IOException {
        SeriesReader.Input input = SeriesReader.read(spark, config.data(), storage);
        JavaRDD<Tuple2<String, RowParser.Parsed>> parsed = input.parsed().persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> counts = new LinkedHashMap<>(parsed.map(SeriesTables::kind).countByValue());
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (String kind : List.of("blank line", "header line")) {
            skipped.put(kind, counts.getOrDefault(kind, 0L));
            counts.remove(kind);
        }
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        if (rows == 0) {
            throw new DataException("data.input: " + paths(input) + " holds no data rows");
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (String kind : RowParser.KINDS) {
            rejected.put(kind, counts.getOrDefault(kind, 0L));
        }
        long rejectedTotal = rows - counts.getOrDefault("", 0L);
        if (rejectedTotal > 0) {
            Rejections.write(spark, storage, parsed.filter(p -> p._2().rejected() != null)
                    .map(SeriesTables::rejection), rejectedPath);
        }
        if (rejectedTotal == rows) {
            List<String> examples = parsed.filter(p -> p._2().rejected() != null).take(3).stream()
                    .map(p -> p._1() + ": " + p._2().rejected().reason()).toList();
            throw new DataException("data.input: all " + rows + " rows were rejected, e.g. " + examples
                    + "; check data.time-column, data.date-format and the value columns against the file");
        }
        int partitions = Math.max(sc.defaultParallelism(), parsed.getNumPartitions());
        JavaRDD<AssembleSeries.Outcome> outcomes = parsed.filter(p -> p._2().observation() != null)
                .map(p -> p._2().observation())
                .keyBy(Observation::series)
                .groupByKey(partitions)
                .map(new AssembleSeries(config))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<ForecastSummary.SeriesStats> stats = new ArrayList<>(outcomes.map(SeriesTables::stats).collect());
        stats.sort(Comparator.comparing(ForecastSummary.SeriesStats::id));
        parsed.unpersist();
        List<String> refused = outcomes.filter(o -> o.refused() != null).map(AssembleSeries.Outcome::refused).collect();
        if (!refused.isEmpty()) {
            throw new DataException("the input cannot be assembled as configured: "
                    + String.join("; ", refused.subList(0, Math.min(10, refused.size())))
                    + (refused.size() > 10 ? " (and " + (refused.size() - 10) + " more series)" : ""));
        }
        int usable = (int) stats.stream().filter(s -> s.excluded().isEmpty()).count();
        if (usable == 0 && requireUsable) {
            throw new DataException("no series can be used: " + stats.stream().limit(10)
                    .map(s -> "'" + s.id() + "': " + s.excluded()).toList());
        }
        long[] calendar = outcomes.filter(AssembleSeries.Outcome::usable)
                .flatMap(o -> java.util.Arrays.stream(o.series().epochDays()).boxed().iterator())
                .distinct().collect().stream().mapToLong(Long::longValue).sorted().toArray();
        var inputStats = new ForecastSummary.InputStats(paths(input), input.table().bytes(), rows, rejected,
                rejectedTotal > 0 ? rejectedPath : "", skipped);
        return new Ingested(inputStats, input.table().files(), stats, outcomes, calendar, usable);
    }

    private static String kind(Tuple2<String, RowParser.Parsed> p) {
        return p._2().kind();
    }

    private static Rejection rejection(Tuple2<String, RowParser.Parsed> p) {
        RowParser.Rejected r = p._2().rejected();
        return new Rejection(p._1(), r.kind(), r.reason(), r.row());
    }

    private static List<String> paths(SeriesReader.Input input) {
        return input.table().files().stream().map(InputFile::path).toList();
    }

    private static ForecastSummary.SeriesStats stats(AssembleSeries.Outcome o) {
        SeriesAssembler.Assembled s = o.series();
        if (s == null) {
            return new ForecastSummary.SeriesStats(o.id(), 0, 0, 0, 0, 0, 0, 0, o.refused());
        }
        int filled = 0;
        for (boolean f : s.filled()) {
            filled += f ? 1 : 0;
        }
        long first = s.length() == 0 ? 0 : s.epochDays()[0];
        long last = s.length() == 0 ? 0 : s.epochDays()[s.length() - 1];
        String why = o.excluded() != null ? o.excluded() : o.refused() != null ? o.refused() : "";
        return new ForecastSummary.SeriesStats(o.id(), s.length(), first, last, s.duplicates(), s.missing(), filled,
                s.dropped(), why);
    }

    /** The values and backtest rows of the series drawn in the report. */
    public List<ForecastSummary.SeriesPlot> plots(JavaRDD<AssembleSeries.Outcome> outcomes, JavaRDD<ForecastRow> rows,
                                                  Set<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        Map<String, List<ForecastRow>> byId = new LinkedHashMap<>();
        for (ForecastRow r : rows.filter(r -> wanted.contains(r.series())).collect()) {
            byId.computeIfAbsent(r.series(), k -> new ArrayList<>()).add(r);
        }
        List<ForecastSummary.SeriesPlot> plots = new ArrayList<>();
        for (AssembleSeries.Outcome o : outcomes.filter(o -> o.usable() && wanted.contains(o.id())).collect()) {
            List<ForecastRow> r = new ArrayList<>(byId.getOrDefault(o.id(), List.of()));
            r.sort(Comparator.comparingInt(ForecastRow::fold).thenComparingInt(ForecastRow::horizon));
            plots.add(new ForecastSummary.SeriesPlot(o.id(), o.series().epochDays(), o.series().values(), r));
        }
        plots.sort(Comparator.comparing(ForecastSummary.SeriesPlot::id));
        return plots;
    }

    /**
     * The columns every forecasts table starts with (the backtest's and the forecast tool's), then
     * {@code more}: series, origin, time, horizon, forecast, actual.
     */
    public static StructType forecastSchema(StructField... more) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("series", DataTypes.StringType, false),
                DataTypes.createStructField("origin", DataTypes.DateType, false),
                DataTypes.createStructField("time", DataTypes.DateType, false),
                DataTypes.createStructField("horizon", DataTypes.IntegerType, false),
                DataTypes.createStructField("forecast", DataTypes.DoubleType, true),
                DataTypes.createStructField("actual", DataTypes.DoubleType, true)));
        fields.addAll(List.of(more));
        return DataTypes.createStructType(fields);
    }

    /**
     * The backtest's forecasts table: {@link #forecastSchema}, then the fold and the baselines,
     * and with {@code withDirect} (a seq2seq run) the direct network's forecast last.
     */
    public static Dataset<Row> forecastFrame(SparkSession spark, JavaRDD<ForecastRow> rows, boolean withDirect) {
        List<StructField> more = new ArrayList<>(List.of(
                DataTypes.createStructField("fold", DataTypes.IntegerType, false),
                DataTypes.createStructField("naive", DataTypes.DoubleType, true),
                DataTypes.createStructField("seasonal_naive", DataTypes.DoubleType, true),
                DataTypes.createStructField("drift", DataTypes.DoubleType, true),
                DataTypes.createStructField("mean", DataTypes.DoubleType, true),
                DataTypes.createStructField("moving_average", DataTypes.DoubleType, true)));
        if (withDirect) {
            more.add(DataTypes.createStructField("direct", DataTypes.DoubleType, true));
        }
        StructType schema = forecastSchema(more.toArray(new StructField[0]));
        return spark.createDataFrame(rows.map(withDirect ? r -> forecastRow(r, true) : r -> forecastRow(r, false)),
                schema);
    }

    /** A backtest row: the forecast table's columns, the direct network's forecast last when compared. */
    private static Row forecastRow(ForecastRow r, boolean withDirect) {
        List<Object> cells = new ArrayList<>(List.of(r.series(), date(r.originDay()), date(r.targetDay()), r.horizon()));
        cells.addAll(java.util.Arrays.asList(finite(r.model()), finite(r.actual()), r.fold(), finite(r.naive()),
                finite(r.seasonalNaive()), finite(r.drift()), finite(r.mean()), finite(r.movingAverage())));
        if (withDirect) {
            cells.add(finite(r.direct()));
        }
        return RowFactory.create(cells.toArray());
    }

    static Date date(long epochDay) {
        return Date.valueOf(LocalDate.ofEpochDay(epochDay));
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
