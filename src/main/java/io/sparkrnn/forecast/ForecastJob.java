package io.sparkrnn.forecast;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.BuildInfo;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The forecasting job as a pure pipeline: reads and assembles the series on Spark, fits the
 * global network with parameter averaging at every refitting fold of the walk-forward
 * backtest, evaluates folds x series on the executors against the baselines, fits the final
 * model on all the data, and writes every output. It never exits the JVM and never starts or
 * stops Spark; {@code main} does.
 */
public final class ForecastJob {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastJob.class);
    public static final String FORECASTS = "forecasts";
    public static final String FORECASTS_CSV = "forecasts-csv";
    public static final String METRICS = "metrics.json";
    public static final String RUN = "run.json";
    public static final String REPORT = "report.html";

    /** Checkpoint keys of the direct networks fitted beside seq2seq ones: this plus the fold. */
    private static final int DIRECT_CHECKPOINTS = 1_000_000;

    private final ForecastConfig config;
    private final JavaSparkContext sc;
    private final Storage storage;
    private final Map<String, Double> phases = new LinkedHashMap<>();
    private long phaseStart = System.nanoTime();

    public ForecastJob(ForecastConfig config, JavaSparkContext sc) {
        this.config = config;
        this.sc = sc;
        this.storage = new Storage(sc.hadoopConfiguration());
    }

    public ForecastSummary run() throws IOException {
        return run(false);
    }

    /**
     * Runs the job; with {@code resume}, continues an unfinished run in the same output folder,
     * taking the fits its checkpoints hold instead of training them again.
     */
    public ForecastSummary run(boolean resume) throws IOException {
        Instant started = Instant.now();
        OutputFolder out = new OutputFolder(storage, storage.qualify(config.output().path()));
        String work = storage.qualify(config.output().resolvedWorkDir());
        out.prepare(config.output().overwrite(), resume);
        FitCheckpoints checkpoints = new FitCheckpoints(storage, out.dir());
        if (!resume) {
            checkpoints.deleteAll();
        } else if (!checkpoints.any()) {
            throw new DataException("output: " + out.dir() + " holds no checkpoints to resume from; run without "
                    + "--resume");
        }
        String configText = ForecastConfigLoader.toHocon(config);
        int workers = config.training().workers() > 0 ? config.training().workers() : sc.defaultParallelism();
        LOG.info("Forecasting job: {} -> {} ({} worker(s), Spark {} master {})", config.data().input(), out.dir(),
                workers, sc.version(), sc.master());

        SeriesTables tables = new SeriesTables(sc, config, storage);
        SeriesTables.Ingested data = tables.ingest(out.path("rejected"));
        phase("read, parse and assemble");
        long[] calendar = data.calendar();
        List<FoldPlan> folds = plan(calendar);
        LOG.info("{} series usable of {}; {} fold(s), first origin {}, last {}", data.usableCount(),
                data.series().size(), folds.size(), LocalDate.ofEpochDay(folds.get(0).originDay()),
                LocalDate.ofEpochDay(folds.get(folds.size() - 1).originDay()));

        ForecastTrainer trainer = new ForecastTrainer(sc, config, workers);
        Map<Integer, byte[]> models = new HashMap<>();
        Map<Integer, byte[]> directModels = new HashMap<>();
        boolean compare = config.model().strategy() == ForecastConfig.Strategy.SEQ2SEQ;
        List<ForecastSummary.FitStats> fits = new ArrayList<>();
        for (FoldPlan fold : folds) {
            if (fold.refits()) {
                Trained t = fit(trainer, checkpoints, resume, configText, data.outcomes(), fold.index(),
                        fold.startDay(), fold.originDay(), work, config.model().strategy());
                models.put(fold.index(), t.model());
                fits.add(t.stats());
                if (compare) {
                    Trained d = fit(trainer, checkpoints, resume, configText, data.outcomes(), fold.index(),
                            fold.startDay(), fold.originDay(), work, ForecastConfig.Strategy.DIRECT);
                    directModels.put(fold.index(), d.model());
                }
            }
        }
        phase("backtest fits");

        Broadcast<Map<Integer, byte[]>> broadcast = sc.broadcast(models);
        Broadcast<Map<Integer, byte[]>> directBroadcast = sc.broadcast(directModels);
        JavaRDD<ForecastRow> rows = data.outcomes()
                .mapPartitions(new BacktestSeries(folds, broadcast, directBroadcast, config))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, ForecastErrors> errors = new HashMap<>(rows.flatMapToPair(new ErrorKeys())
                .reduceByKey(ForecastErrors::merge).collectAsMap());
        if (errors.get("model|overall") == null) {
            throw new DataException("the backtest made no forecast: no series has a value at a fold's origin with "
                    + config.model().horizon() + " value(s) after it and " + config.model().inputLength()
                    + " before it; move backtest.test-start or backtest.test-steps");
        }
        FrameWriter frames = new FrameWriter(storage);
        var table = SeriesTables.forecastFrame(tables.spark(), rows, compare);
        frames.parquet(table, out.path(FORECASTS));
        frames.csv(table.orderBy("series", "origin", "horizon"), out.path(FORECASTS_CSV), true);
        phase("backtest evaluation and forecasts");

        long lastDay = calendar[calendar.length - 1];
        long firstDay = config.backtest().window() == io.sparkrnn.forecast.BacktestPlan.Window.EXPANDING ? calendar[0]
                : calendar[Math.max(0, calendar.length - config.backtest().windowLength())];
        Trained last = fit(trainer, checkpoints, resume, configText, data.outcomes(), -1, firstDay, lastDay, work,
                config.model().strategy());
        List<SeriesFit> finalFits = data.outcomes().flatMap(new FitSeries(firstDay, lastDay, config))
                .collect();
        ForecastModelStore.save(storage, out.dir(), last.model(), finalFits, configText);
        phase("final fit");

        Set<String> plotted = new TreeSet<>();
        data.series().stream().filter(s -> s.excluded().isEmpty()).map(ForecastSummary.SeriesStats::id).sorted()
                .limit(config.output().plotSeries()).forEach(plotted::add);
        List<ForecastSummary.SeriesPlot> plots = tables.plots(data.outcomes(), rows, plotted);
        rows.unpersist();
        ForecastSummary summary = new ForecastSummary(config, configText, data.input(), data.series(), folds, fits,
                last.stats(), errors, plots, phases, started, Instant.now(), BuildInfo.versions(sc.version()),
                BuildInfo.sparkInfo(sc), workers);
        storage.writeString(out.path(METRICS), ForecastMetricsJson.render(summary));
        storage.writeString(out.path(RUN), ForecastRunJson.render(summary));
        storage.writeString(out.path(REPORT), ForecastReport.render(summary));
        if (!config.output().keepWork()) {
            storage.delete(work);
        }
        data.outcomes().unpersist();
        out.markSuccess();
        // Only once the run is complete: until then they are what a resume needs.
        checkpoints.deleteAll();
        ForecastErrors model = errors.get("model|overall");
        ForecastErrors naive = errors.get("naive|overall");
        ForecastErrors seasonal = errors.get("seasonal_naive|overall");
        LOG.info("Done in {}: {} forecasts; MAPE model {}%, naive {}%, seasonal naive {}%; skill vs naive {}; "
                        + "report: {}", String.format(Locale.ROOT, "%.0f s", summary.wallSeconds()), model.count(),
                pct(model), pct(naive), pct(seasonal),
                String.format(Locale.ROOT, "%.3f", naive == null ? Double.NaN : model.skillAgainst(naive)),
                out.path(REPORT));
        return summary;
    }

    private static String pct(ForecastErrors e) {
        return e == null ? "n/a" : String.format(Locale.ROOT, "%.3f", e.mape());
    }

    /** A fitted network (DL4J's zip format) with what the report says of it. */
    private record Trained(byte[] model, ForecastSummary.FitStats stats) {
    }

    /**
     * The fit of a fold: from this run's checkpoint when resuming and there is one, else trained
     * and saved. A direct network fitted beside a seq2seq one (for comparison) is checkpointed
     * under its own key.
     */
    private Trained fit(ForecastTrainer trainer, FitCheckpoints checkpoints, boolean resume, String configText,
                        JavaRDD<AssembleSeries.Outcome> outcomes, int fold, long startDay, long originDay, String work,
                        ForecastConfig.Strategy strategy) throws IOException {
        boolean comparison = strategy != config.model().strategy();
        int key = comparison ? DIRECT_CHECKPOINTS + fold : fold;
        String name = (fold < 0 ? "final fit" : "fit at fold " + fold) + (comparison ? " (direct, for comparison)" : "");
        if (resume) {
            var saved = checkpoints.load(key, configText);
            if (saved.isPresent()) {
                LOG.info("{}: taken from the checkpoint", name);
                return new Trained(saved.get().model(), saved.get().stats());
            }
        }
        Trained t = train(trainer, outcomes, fold, startDay, originDay, work, strategy, name);
        checkpoints.save(key, t.model(), t.stats(), configText);
        return t;
    }

    /** Fits a network on every series' windows in [startDay, originDay]; fold -1 is the final fit. */
    private Trained train(ForecastTrainer trainer, JavaRDD<AssembleSeries.Outcome> outcomes, int fold,
                          long startDay, long originDay, String work, ForecastConfig.Strategy strategy, String name)
            throws IOException {
        String label = name + " (origin " + LocalDate.ofEpochDay(originDay) + ")";
        JavaPairRDD<Long, SeriesFit.Example> keyed = outcomes
                .flatMapToPair(new FoldExamples(startDay, originDay, config))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long windows = keyed.count();
        if (windows == 0) {
            throw new DataException(label + " has no training window: no series has model.input-length + "
                    + "model.horizon = " + (config.model().inputLength() + config.model().horizon())
                    + " values up to that origin; start the test period later (backtest.test-start, "
                    + "backtest.test-steps) or shorten the window");
        }
        int partitions = Math.max(1, Math.min(keyed.getNumPartitions(),
                (int) Math.ceil(windows / (double) config.training().batchSizePerWorker())));
        JavaRDD<org.nd4j.linalg.dataset.DataSet> batches = keyed.sortByKey(true, partitions).values()
                .mapPartitions(new ToDataSets(config.training().batchSizePerWorker()));
        LOG.info("{}: {} training windows", label, windows);
        String exportDir = work + "/export-" + (fold < 0 ? "final" : String.valueOf(fold));
        ForecastTrainer.Fit fit = trainer.fit(batches, exportDir, label, strategy);
        keyed.unpersist();
        storage.delete(exportDir);
        return new Trained(fit.net().toBytes(), new ForecastSummary.FitStats(fold, originDay, windows,
                fit.epochLosses(), fit.seconds(), fit.stoppedByLimit()));
    }

    /** The folds over the calendar, from backtest.test-start or backtest.test-steps. */
    List<FoldPlan> plan(long[] calendar) {
        var b = config.backtest();
        int firstOrigin;
        if (!b.testStart().isEmpty()) {
            long day = new io.sparkrnn.forecast.RowParser(null, "t", "y", List.of(), config.data().dateFormat())
                    .epochDay(b.testStart());
            int first = java.util.Arrays.binarySearch(calendar, day);
            first = first >= 0 ? first : -first - 1;
            if (first == 0 || first >= calendar.length) {
                throw new DataException("backtest.test-start = " + b.testStart() + " leaves no history before it or no "
                        + "data after it: the data runs from " + LocalDate.ofEpochDay(calendar[0]) + " to "
                        + LocalDate.ofEpochDay(calendar[calendar.length - 1]));
            }
            firstOrigin = first - 1;
        } else {
            firstOrigin = calendar.length - b.testSteps() - 1;
            if (firstOrigin < 0) {
                throw new DataException("backtest.test-steps = " + b.testSteps() + " is more than the data's "
                        + calendar.length + " times");
            }
        }
        List<FoldPlan> folds = FoldPlan.over(calendar, firstOrigin, b.step(), config.model().horizon(), b.window(),
                b.windowLength(), b.refitEvery());
        if (folds.isEmpty()) {
            throw new DataException("the test period from " + LocalDate.ofEpochDay(calendar[firstOrigin + 1])
                    + " is shorter than model.horizon = " + config.model().horizon() + ": no origin has "
                    + config.model().horizon() + " values after it to compare with");
        }
        return folds;
    }


    private void phase(String name) {
        long now = System.nanoTime();
        phases.put(name, (now - phaseStart) / 1e9);
        phaseStart = now;
    }
}
