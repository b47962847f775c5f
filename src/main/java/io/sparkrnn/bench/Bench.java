package io.sparkrnn.bench;

import io.sparkrnn.nn.Cell;
import io.sparkrnn.nn.LstmImplementation;
import io.sparkrnn.core.job.VersionProvider;

import io.sparkrnn.core.spark.SparkSetup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.lm.ModelFactory;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code jobs/bench.sh}: training throughput of DL4J's LSTM layer and of the
 * project's fused layer, in one process and on Spark with parameter averaging, beside the
 * machine's matrix-product bound, all measured in one run so that the ratios are comparable
 * on a noisy machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Measures characters per second of LSTM training on real text, with DL4J's LSTM layer and the "
            + "project's fused layer, in one process and on Spark (parameter averaging), the export of the corpus "
            + "to batch files, and the machine's bound; prints a table and writes the figures as JSON."})
public final class Bench implements Callable<Integer> {
    /** A worker's training state in arrays of the parameters' size: the parameters and Adam's two moments. */
    static final int STATE_COPIES = 3;
    @Option(names = "--input", description = "Text to train on (default: ${DEFAULT-VALUE}).")
    String input = "../shared/data/text/tinyshakespeare.txt";
    @Option(names = "--hidden", description = "LSTM units per layer (default: ${DEFAULT-VALUE}).")
    int hidden = 256;
    @Option(names = "--layers", description = "LSTM layers (default: ${DEFAULT-VALUE}).")
    int layers = 1;
    @Option(names = "--cell", description = "Cell for the project's path: lstm, gru or rnn (default: lstm); "
            + "DL4J's stock path is always its LSTM layer.")
    Cell cell = Cell.LSTM;
    @Option(names = "--sequence-length", description = "Characters per sequence (default: ${DEFAULT-VALUE}).")
    int sequenceLength = 100;
    @Option(names = "--batch", description = "Sequences per minibatch (default: ${DEFAULT-VALUE}).")
    int batch = 32;
    @Option(names = "--workers", description = "Spark workers (default: ${DEFAULT-VALUE}).")
    int workers = 2;
    @Option(names = "--averaging-frequency", description = "Minibatches per worker between averagings "
            + "(default: ${DEFAULT-VALUE}).")
    int averagingFrequency = 5;
    @Option(names = "--seconds", description = "Seconds of training per measurement (default: ${DEFAULT-VALUE}).")
    double seconds = 40;
    @Option(names = "--peer-bound-script", description = "numpy's bound script, run with python3 when it and numpy are "
            + "there (default: ${DEFAULT-VALUE}).")
    Path peerScript = Path.of("../shared/bench/gemm_peak.py");
    @Option(names = "--master", description = "Spark master (default: local[WORKERS]).")
    String master;
    @Option(names = "--json", description = "Where the figures go as JSON (default: ${DEFAULT-VALUE}).")
    Path json = Path.of("bench.json");
    @Option(names = "--work", description = "Folder for the exported batch files (default: ${DEFAULT-VALUE}).")
    Path work = Path.of("target/bench-work");

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(Path.of(input))) {
            System.err.println("--input: no file " + input + " (give a UTF-8 text file)");
            return 2;
        }
        LmConfig config = LmConfig.LOADER.loadText(String.format(Locale.ROOT,
                "data { input = \"%s\", sequence-length = %d }%n"
                        + "model { layers = %d, hidden-size = %d }%n"
                        + "training { workers = %d, batch-size-per-worker = %d, averaging-frequency = %d, "
                        + "learning-rate = 0.002 }%n", input.replace("\\", "\\\\").replace("\"", "\\\""),
                sequenceLength, layers, hidden, workers, batch, averagingFrequency), "bench", work.toString(),
                List.of());
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        out.put("cores", Runtime.getRuntime().availableProcessors());
        SparkConf sparkConf = SparkSetup.conf("spark-rnn bench").set("spark.master",
                master != null ? master : "local[" + workers + "]");
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            new Run(config, out).measure(sc, sparkConf);
        }
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(out) + "\n");
        say("Figures written to " + json);
        return 0;
    }

    /** One run of the benchmark: every figure measured in one process, so that ratios are comparable. */
    private final class Run {
        private final LmConfig config;
        private final ObjectNode out;
        private final LmConfig.Model stock;
        private final LmConfig.Model project;
        private final String projectLabel;
        private final Map<String, Double> figures = new LinkedHashMap<>();

        Run(LmConfig config, ObjectNode out) {
            this.config = config;
            this.out = out;
            this.stock = config.model().withCell(Cell.LSTM).withLstmImplementation(LstmImplementation.DL4J);
            this.project = config.model().withCell(cell).withLstmImplementation(LstmImplementation.FUSED);
            this.projectLabel = cell == Cell.LSTM ? "fused LSTM" : "project " + cellName();
        }

        void measure(JavaSparkContext sc, SparkConf sparkConf) throws Exception {
            SparkThroughput.Export export = export(sc);
            processRates(export.vocabulary());
            say("Measuring Spark " + sc.master() + ": DL4J's LSTM ...");
            SparkThroughput.Rate stockSpark = SparkThroughput.train(sc, config, stock, export, workers, seconds,
                    "dl4j LSTM");
            figures.put("dl4j LSTM, Spark " + workers + " workers", stockSpark.charsPerSecond());
            say("Measuring Spark " + sc.master() + ": " + projectLabel + " ...");
            SparkThroughput.Rate projectSpark = SparkThroughput.train(sc, config, project, export, workers, seconds,
                    projectLabel);
            figures.put(projectLabel + ", Spark " + workers + " workers", projectSpark.charsPerSecond());
            SparkThroughput.Rate single = null;
            if (workers > 1) {
                say("Measuring Spark " + sc.master() + ": " + projectLabel + " with 1 worker ...");
                single = SparkThroughput.train(sc, config, project, export, 1, seconds, projectLabel);
                figures.put(projectLabel + ", Spark 1 worker", single.charsPerSecond());
            }
            table(bound(export.vocabulary()));
            ObjectNode s = out.putObject("scaling");
            scaling(s, projectSpark, single, figures.get(projectLabel + ", one process"), batch, sequenceLength);
            say(scalingText(s));
            kryo(s, sparkConf, projectSpark);
        }

        private SparkThroughput.Export export(JavaSparkContext sc) throws Exception {
            Storage storage = new Storage(sc.hadoopConfiguration());
            SparkThroughput.Export export = SparkThroughput.export(sc, config, storage,
                    work.toAbsolutePath().resolve("train").toUri().toString());
            double flops = Throughput.flopsPerCharacter(export.vocabulary(), hidden) * layers;
            say(String.format(Locale.ROOT, "Reference workload: vocabulary %d (one-hot), %d x %d %s, sequences of %d, "
                            + "minibatch %d, Adam; %.2f MFLOP per character; OMP_NUM_THREADS=%s", export.vocabulary(),
                    layers, hidden, cellName(), sequenceLength, batch, flops / 1e6, out.get("omp_num_threads").asText()));
            double exportMbPerCore = export.characters() / 1e6 / export.seconds() / sc.defaultParallelism();
            ObjectNode e = out.putObject("export");
            e.put("characters", export.characters());
            e.put("seconds", export.seconds());
            e.put("bytes", export.bytes());
            e.put("bytes_per_character", export.bytesPerCharacter());
            e.put("mb_per_second_per_core", exportMbPerCore);
            say(String.format(Locale.ROOT, "Export: %,d characters to %,d bytes of batch files (%.2f bytes per character) "
                    + "in %.1f s: %.2f MB of text per second per core", export.characters(), export.bytes(),
                    export.bytesPerCharacter(), export.seconds(), exportMbPerCore));
            return export;
        }

        private void processRates(int vocabulary) throws Exception {
            int[] ids = tokenIds(Path.of(input), vocabulary);
            List<DataSet> batches = Throughput.batches(ids, vocabulary, batch, sequenceLength, 20);
            say("Measuring one process: DL4J's LSTM ...");
            figures.put("dl4j LSTM, one process", Throughput.fitRate(
                    ModelFactory.create(stock, config.training(), vocabulary), batches, 3, seconds));
            say("Measuring one process: " + projectLabel + " ...");
            figures.put(projectLabel + ", one process", Throughput.fitRate(
                    ModelFactory.create(project, config.training(), vocabulary), batches, 3, seconds));
        }

        /** The machine's bound in characters per second: ND4J's matrix product, or numpy's when larger. */
        private double bound(int vocabulary) throws Exception {
            say("Measuring the bound: ND4J's single-precision product [" + batch + " x " + (vocabulary + hidden)
                    + "] x [" + (vocabulary + hidden) + " x " + 4 * hidden + "] ...");
            double flops = Throughput.flopsPerCharacter(vocabulary, hidden) * layers;
            double oneCore = Throughput.gemmRate(batch, vocabulary, hidden, 1, 5);
            double allCores = Throughput.gemmRate(batch, vocabulary, hidden, workers, 5);
            double ownBound = allCores * 1e9 / flops;
            ObjectNode b = out.putObject("bound");
            b.put("nd4j_gflops_one_thread", oneCore);
            b.put("nd4j_gflops_" + workers + "_threads", allCores);
            b.put("nd4j_chars_per_second", ownBound);
            double peer = PeerBound.run(peerScript, vocabulary, hidden, batch) / layers;
            if (peer > 0) {
                b.put("numpy_chars_per_second", peer);
                b.put("numpy_script", peerScript.toString());
            }
            double bound = Math.max(ownBound, peer);
            b.put("chars_per_second", bound);
            say(String.format(Locale.ROOT, "Bound: ND4J sgemm %.1f GFLOP/s on 1 thread, %.1f on %d: %,.0f chars/s; "
                    + "numpy (%s): %s; the larger is the bound", oneCore, allCores, workers, ownBound, peerScript,
                    peer > 0 ? String.format(Locale.ROOT, "%,.0f chars/s", peer) : "not run (no python3 with numpy, "
                            + "or no script)"));
            return bound;
        }

        private void table(double bound) {
            double stockReference = figures.get("dl4j LSTM, Spark " + workers + " workers");
            ObjectNode fig = out.putObject("chars_per_second");
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%n%-34s %12s %14s %12s%n", "path", "chars/s", "x DL4J Spark", "% of bound"));
            for (Map.Entry<String, Double> f : figures.entrySet()) {
                fig.put(f.getKey(), f.getValue());
                table.append(String.format(Locale.ROOT, "%-34s %,12.0f %14.2f %11.1f%%%n", f.getKey(), f.getValue(),
                        f.getValue() / stockReference, 100 * f.getValue() / bound));
            }
            table.append(String.format(Locale.ROOT, "%-34s %,12.0f %14s %11s%n", "bound", bound, "", "100.0%"));
            say(table.toString());
        }

        private void kryo(ObjectNode s, SparkConf sparkConf, SparkThroughput.Rate projectSpark) {
            SerializerRate.Rate kryo = SerializerRate.measure(sparkConf, STATE_COPIES * projectSpark.parameters(), 3);
            ObjectNode k = s.putObject("kryo_round_trip");
            k.put("bytes", kryo.bytes());
            k.put("nd4j_serializer_seconds", kryo.nd4jSeconds());
            k.put("project_serializer_seconds", kryo.projectSeconds());
            say(String.format(Locale.ROOT, "Kryo, one worker's state (%,d bytes) written and read back: %.0f ms with "
                    + "ND4J's serializer, %.0f ms with the project's (%.1f x faster); a round does this twice per "
                    + "worker", kryo.bytes(), 1e3 * kryo.nd4jSeconds(), 1e3 * kryo.projectSeconds(), kryo.speedup()));
        }
    }

    private String cellName() {
        return cell.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Bytes moved per averaging round and the split of a round into compute and the rest,
     * compute being the minibatches each worker fits at the one-process rate.
     */
    static void scaling(ObjectNode s, SparkThroughput.Rate many, SparkThroughput.Rate one, double processRate,
                        int batch, int length) {
        long stateBytes = many.parameters() * 4L * STATE_COPIES; // float32
        s.put("parameters", many.parameters());
        s.put("bytes_per_round", 2L * many.workers() * stateBytes);
        s.put("workers", many.workers());
        double compute = many.secondsPerRound() > 0 ? many.charsPerSecond() * many.secondsPerRound()
                / many.workers() / processRate : 0;
        s.put("seconds_per_round", many.secondsPerRound());
        s.put("compute_seconds_per_round", compute);
        s.put("other_seconds_per_round", many.secondsPerRound() - compute);
        s.put("chars_per_round", many.charsPerSecond() * many.secondsPerRound());
        if (one != null) {
            s.put("one_worker_chars_per_second", one.charsPerSecond());
            s.put("one_worker_seconds_per_round", one.secondsPerRound());
            s.put("speedup", many.charsPerSecond() / one.charsPerSecond());
        }
        s.put("efficiency_vs_one_process", many.charsPerSecond() / (many.workers() * processRate));
    }

    static String scalingText(ObjectNode s) {
        return String.format(Locale.ROOT, "Averaging: %,d parameters; %,d bytes moved per round (%d workers x "
                        + "parameters and Adam state, there and back); %.2f s per round, of which %.2f s is fitting at "
                        + "the one-process rate and %.2f s everything else (averaging, scheduling, loading)%s; "
                        + "%d workers reach %.0f%% of %d x the one-process rate",
                s.get("parameters").asLong(), s.get("bytes_per_round").asLong(), s.get("workers").asInt(),
                s.get("seconds_per_round").asDouble(), s.get("compute_seconds_per_round").asDouble(),
                s.get("other_seconds_per_round").asDouble(),
                s.has("speedup") ? String.format(Locale.ROOT, "; 1 worker: %.2f s per round, speed-up %.2f",
                        s.get("one_worker_seconds_per_round").asDouble(), s.get("speedup").asDouble()) : "",
                s.get("workers").asInt(), 100 * s.get("efficiency_vs_one_process").asDouble(),
                s.get("workers").asInt());
    }

    /** The text as ids of its characters, the {@code vocabulary - 1} most frequent first (others folded into the last). */
    static int[] tokenIds(Path file, int vocabulary) throws java.io.IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        text.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        List<Integer> order = new ArrayList<>(counts.keySet());
        order.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
        Map<Integer, Integer> id = new java.util.HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            id.put(order.get(i), Math.min(i, vocabulary - 1));
        }
        return text.codePoints().map(id::get).toArray();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
