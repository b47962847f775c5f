package io.sparkrnn.forecast;

import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.job.JobRunner;
import io.sparkrnn.core.job.RunRecord;
import io.sparkrnn.core.report.BuildInfo;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The forecast tool's pipeline: reads new data with the schema the model was trained with,
 * assembles it by the same policies, forecasts the next H steps of every series from its
 * latest values with the saved network and scalers, and writes the forecasts (Parquet and
 * CSV, {@code actual} empty), the rejected rows and a {@code run.json}, {@code _SUCCESS} last.
 */
public final class ForecastNextJob {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastNextJob.class);

    private ForecastNextJob() {
    }

    /** What a forecast run produced: one result per series. */
    public record Outcome(List<ForecastLatest.Result> results, ForecastSummary.InputStats input) {
        public long forecastSeries() {
            return results.stream().filter(r -> r.skipped().isEmpty()).count();
        }
    }

    public static Outcome run(JavaSparkContext sc, ForecastConfig config, ForecastModelStore.Loaded model,
                              boolean overwrite) throws IOException {
        Instant started = Instant.now();
        Storage storage = new Storage(sc.hadoopConfiguration());
        OutputFolder out = new OutputFolder(storage, storage.qualify(config.output().path()));
        out.prepare(overwrite, false);
        SeriesTables tables = new SeriesTables(sc, config, storage);
        SeriesTables.Ingested data = tables.ingest(out.path("rejected"), false);
        var broadcast = sc.broadcast(model.model());
        List<ForecastLatest.Result> results = new ArrayList<>(data.outcomes()
                .mapPartitions(new ForecastLatest(broadcast, model.fits(), config)).collect());
        results.sort(Comparator.comparing(ForecastLatest.Result::series));
        List<Row> rows = new ArrayList<>();
        for (ForecastLatest.Result r : results) {
            for (int h = 0; h < r.levels().length; h++) {
                rows.add(RowFactory.create(r.series(), date(r.originDay()), date(r.days()[h]), h + 1,
                        Double.isFinite(r.levels()[h]) ? r.levels()[h] : null, null, r.scalers()));
            }
        }
        StructType schema = SeriesTables.forecastSchema(
                DataTypes.createStructField("scalers", DataTypes.StringType, false));
        JavaRDD<Row> table = sc.parallelize(rows, 1);
        var frame = tables.spark().createDataFrame(table, schema);
        FrameWriter frames = new FrameWriter(storage);
        frames.parquet(frame, out.path("forecasts"));
        frames.csv(frame, out.path("forecasts-csv"), true);
        data.outcomes().unpersist();
        Outcome outcome = new Outcome(results, data.input());
        var details = PredictionJson.details(model.dir(), config, outcome.results().stream()
                .map(r -> new PredictionJson.SeriesResult(r.series(), r.originDay(), r.levels().length, r.scalers(),
                        r.skipped())).toList(), data.input());
        RunRecord record = new RunRecord("forecast", BuildInfo.versions(sc.version()), BuildInfo.sparkInfo(sc),
                sc.defaultParallelism(), config.training().seed(), started, Instant.now(), null, 0,
                Map.of("read, forecast and write", java.time.Duration.between(started, Instant.now()).toMillis() / 1e3),
                data.inputFiles(), out.dir(), model.configText(), details);
        storage.writeString(out.path(JobRunner.RUN), record.render());
        out.markSuccess();
        LOG.info("Forecast {} step(s) for {} of {} series from {}; {} row(s) rejected; output {}",
                config.model().horizon(), outcome.forecastSeries(), results.size(), model.dir(),
                data.input().rejectedTotal(), out.dir());
        return outcome;
    }

    private static Date date(long epochDay) {
        return Date.valueOf(LocalDate.ofEpochDay(epochDay));
    }
}
