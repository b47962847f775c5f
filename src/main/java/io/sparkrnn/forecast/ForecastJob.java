package io.sparkrnn.forecast;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.job.JobRunner;
import io.sparkrnn.core.job.Outputs;
import io.sparkrnn.core.job.Task;
import io.sparkrnn.core.job.TaskInfo;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The forecasting task: reads and assembles the series on Spark, fits the global network with
 * parameter averaging at every refitting fold of the walk-forward backtest, evaluates folds x
 * series on the executors against the baselines, fits the final model on all the data and saves
 * it with every series' transform. Every finished fit is checkpointed; a resumed run takes the
 * fits it finds instead of training them again. The skeleton does the rest ({@link JobRunner}).
 */
public final class ForecastJob extends Task<ForecastConfig, ForecastSummary> {
    public static final String FORECASTS = "forecasts";
    public static final String FORECASTS_CSV = "forecasts-csv";
    static final TaskInfo INFO = new TaskInfo("train-forecast", "forecasting", List.of(
            "Trains one recurrent forecasting model (LSTM, GRU or simple RNN) over many time series with Spark and "
                    + "DL4J parameter averaging, backtests it walk-forward against the naive, seasonal-naive, drift, "
                    + "mean and moving-average forecasts, and writes the model with its fitted transforms, the "
                    + "backtest forecasts (Parquet and CSV), metrics.json, run.json and report.html under --output."),
            "conf/forecast-airline.conf");
    private static final Logger LOG = LoggerFactory.getLogger(ForecastJob.class);
    /** Checkpoint keys of the direct networks fitted beside seq2seq ones: this plus the fold. */
    private static final int DIRECT_CHECKPOINTS = 1_000_000;

    /** Runs a forecasting job from the start. */
    public static ForecastSummary run(ForecastConfig config, JavaSparkContext sc) throws IOException {
        return JobRunner.run(new ForecastJob(), config, sc, false);
    }


    public ForecastJob() {
        super(INFO, ForecastConfig.LOADER, ForecastConfig.RESUMABLE_CHANGES);
    }

    @Override
    public Outputs outputs(ForecastSummary r) {
        return new Outputs(ForecastMetricsJson.render(r), ForecastRunJson.details(r), ForecastReport.page(r),
                r.outcome());
    }

    @Override
    public ForecastSummary run(JobContext<ForecastConfig> job) throws IOException {
        ForecastConfig config = job.config();
        LOG.info("Forecasting job: {}", config.data().input());
        SeriesTables tables = new SeriesTables(job.sc(), config, job.storage());
        SeriesTables.Ingested data = tables.ingest(job.out().path("rejected"));
        data.inputFiles().forEach(f -> job.input(f.path(), f.bytes()));
        job.phases().end("read, parse and assemble");
        long[] calendar = data.calendar();
        List<FoldPlan> folds = FoldPlan.of(config, calendar);
        LOG.info("{} series usable of {}; {} fold(s), first origin {}, last {}", data.usableCount(),
                data.series().size(), folds.size(), LocalDate.ofEpochDay(folds.get(0).originDay()),
                LocalDate.ofEpochDay(folds.get(folds.size() - 1).originDay()));
        Fits fits = new Fits(job, data.outcomes());
        fits.backtest(folds);
        job.phases().end("backtest fits");

        JavaRDD<ForecastRow> rows = data.outcomes()
                .mapPartitions(new BacktestSeries(folds, job.sc().broadcast(fits.models()),
                        job.sc().broadcast(fits.directModels()), config))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, ForecastErrors> errors = evaluate(job, tables, rows);
        job.phases().end("backtest evaluation and forecasts");

        long lastDay = calendar[calendar.length - 1];
        long firstDay = config.backtest().window() == BacktestPlan.Window.EXPANDING ? calendar[0]
                : calendar[Math.max(0, calendar.length - config.backtest().windowLength())];
        Fits.Trained last = fits.fit(-1, firstDay, lastDay, config.model().strategy());
        List<SeriesFit> finalFits = data.outcomes().flatMap(new FitSeries(firstDay, lastDay, config)).collect();
        ForecastModelStore.save(job.storage(), job.out().dir(), last.model(), finalFits, job.configText());
        job.phases().end("final fit");

        Set<String> plotted = new TreeSet<>();
        data.series().stream().filter(s -> s.excluded().isEmpty()).map(ForecastSummary.SeriesStats::id).sorted()
                .limit(config.output().plotSeries()).forEach(plotted::add);
        List<ForecastSummary.SeriesPlot> plots = tables.plots(data.outcomes(), rows, plotted);
        rows.unpersist();
        data.outcomes().unpersist();
        return new ForecastSummary(config, data.input(), data.series(), folds, fits.stats(), last.stats(), errors,
                plots, job.workers());
    }

    /** The error sums of every predictor and scope, and the forecasts tables written. */
    private static Map<String, ForecastErrors> evaluate(JobContext<ForecastConfig> job, SeriesTables tables,
                                                        JavaRDD<ForecastRow> rows) throws IOException {
        ForecastConfig config = job.config();
        Map<String, ForecastErrors> errors = new HashMap<>(rows.flatMapToPair(new ErrorKeys())
                .reduceByKey(ForecastErrors::merge).collectAsMap());
        if (errors.get("model|overall") == null) {
            throw new DataException("the backtest made no forecast: no series has a value at a fold's origin with "
                    + config.model().horizon() + " value(s) after it and " + config.model().inputLength()
                    + " before it; move backtest.test-start or backtest.test-steps");
        }
        FrameWriter frames = new FrameWriter(job.storage());
        var table = SeriesTables.forecastFrame(tables.spark(), rows,
                config.model().strategy() == ForecastConfig.Strategy.SEQ2SEQ);
        frames.parquet(table, job.out().path(FORECASTS));
        frames.csv(table.orderBy("series", "origin", "horizon"), job.out().path(FORECASTS_CSV), true);
        return errors;
    }

    /** The fits of one run: trained, or taken from this run's checkpoints when resuming. */
    static final class Fits {
        private final JobContext<ForecastConfig> job;
        private final JavaRDD<AssembleSeries.Outcome> outcomes;
        private final ForecastTrainer trainer;
        private final FitCheckpoints checkpoints;
        private final Map<Integer, byte[]> models = new HashMap<>();
        private final Map<Integer, byte[]> directModels = new HashMap<>();
        private final List<ForecastSummary.FitStats> stats = new ArrayList<>();

        /** A fitted network (DL4J's zip format) with what the report says of it. */
        record Trained(byte[] model, ForecastSummary.FitStats stats) {
        }

        Fits(JobContext<ForecastConfig> job, JavaRDD<AssembleSeries.Outcome> outcomes) {
            this.job = job;
            this.outcomes = outcomes;
            this.trainer = new ForecastTrainer(job);
            this.checkpoints = new FitCheckpoints(job.checkpoints());
        }

        /** Fits at every refitting fold (and, for seq2seq, the direct network beside it for comparison). */
        void backtest(List<FoldPlan> folds) throws IOException {
            ForecastConfig.Strategy strategy = job.config().model().strategy();
            for (FoldPlan fold : folds) {
                if (fold.refits()) {
                    Trained t = fit(fold.index(), fold.startDay(), fold.originDay(), strategy);
                    models.put(fold.index(), t.model());
                    stats.add(t.stats());
                    if (strategy == ForecastConfig.Strategy.SEQ2SEQ) {
                        directModels.put(fold.index(), fit(fold.index(), fold.startDay(), fold.originDay(),
                                ForecastConfig.Strategy.DIRECT).model());
                    }
                }
            }
        }

        Map<Integer, byte[]> models() {
            return models;
        }

        Map<Integer, byte[]> directModels() {
            return directModels;
        }

        List<ForecastSummary.FitStats> stats() {
            return stats;
        }

        /**
         * The fit of a fold (-1: the final fit): from this run's checkpoint when resuming and there
         * is one, else trained and saved. A direct network fitted beside a seq2seq one (for
         * comparison) is checkpointed under its own key.
         */
        Trained fit(int fold, long startDay, long originDay, ForecastConfig.Strategy strategy) throws IOException {
            boolean comparison = strategy != job.config().model().strategy();
            int key = comparison ? DIRECT_CHECKPOINTS + fold : fold;
            String name = (fold < 0 ? "final fit" : "fit at fold " + fold)
                    + (comparison ? " (direct, for comparison)" : "");
            if (job.resuming()) {
                var saved = checkpoints.load(key, job.configText());
                if (saved.isPresent()) {
                    LOG.info("{}: taken from the checkpoint", name);
                    return new Trained(saved.get().model(), saved.get().stats());
                }
            }
            Trained t = train(fold, startDay, originDay, strategy, name);
            checkpoints.save(key, t.model(), t.stats(), job.configText());
            return t;
        }

        /** Fits a network on every series' windows in [startDay, originDay]. */
        private Trained train(int fold, long startDay, long originDay, ForecastConfig.Strategy strategy, String name)
                throws IOException {
            ForecastConfig config = job.config();
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
            int batch = config.training().batchSizePerWorker();
            int partitions = Math.max(1, Math.min(keyed.getNumPartitions(), (int) Math.ceil(windows / (double) batch)));
            JavaRDD<org.nd4j.linalg.dataset.DataSet> batches = keyed.sortByKey(true, partitions).values()
                    .mapPartitions(new ToDataSets(batch));
            LOG.info("{}: {} training windows", label, windows);
            String exportDir = job.workDir() + "/export-" + (fold < 0 ? "final" : String.valueOf(fold));
            ForecastTrainer.Result fit = trainer.fit(batches, exportDir, label, strategy);
            keyed.unpersist();
            job.storage().delete(exportDir);
            return new Trained(fit.net().toBytes(), new ForecastSummary.FitStats(fold, originDay, windows,
                    fit.epochLosses(), fit.seconds(), fit.stoppedByLimit()));
        }
    }
}
