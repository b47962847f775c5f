package io.sparkrnn.lm;

import io.sparkrnn.core.report.BuildInfo;
import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * {@code run.json}: the provenance of a model. What ran (versions, resolved configuration,
 * seed, Spark), on what (input files and sizes, the corpus as read), when and how fast (start,
 * end, phase timings, throughput); enough to repeat the run or to tell two runs apart.
 */
public final class RunJson {
    private RunJson() {
    }

    public static String render(RunSummary run) {
        ObjectNode root = Json.object();
        ObjectNode versions = root.putObject("versions");
        run.versions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> versions.put(e.getKey(), e.getValue()));
        ObjectNode spark = root.putObject("spark");
        run.spark().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> spark.put(e.getKey(), e.getValue()));
        spark.put("workers", run.workers());
        root.put("seed", run.config().training().seed());
        root.put("started", run.started().toString());
        root.put("finished", run.finished().toString());
        if (!run.resumedFrom().isEmpty()) {
            root.put("resumed_from", run.resumedFrom());
        }
        Json.put(root, "wall_seconds", run.wallSeconds());
        Json.put(root, "training_seconds", run.trainingSeconds());

        ObjectNode driver = root.putObject("driver_memory");
        driver.put("heap_max_bytes", Runtime.getRuntime().maxMemory());
        driver.put("heap_peak_bytes", BuildInfo.heapPeakBytes());
        driver.put("note", "heap_peak_bytes sums the peaks of the heap pools: an upper bound of the driver JVM's "
                + "peak heap use, which on a local master includes the tasks");

        ObjectNode throughput = root.putObject("throughput");
        Json.put(throughput, "chars_per_second", run.charactersPerSecond());
        Json.put(throughput, "tokens_per_second", run.tokensPerSecond());

        CorpusStats c = run.corpus();
        ObjectNode input = root.putObject("input");
        input.put("bytes", c.inputBytes());
        var files = input.putArray("files");
        for (CorpusStats.InputFile f : c.inputs()) {
            files.addObject().put("path", f.path()).put("bytes", f.bytes());
        }
        ObjectNode corpus = root.putObject("corpus");
        corpus.put("partitions", c.partitions());
        corpus.put("lines", c.lines());
        corpus.put("characters", c.characters());
        corpus.put("invalid_utf8_replacement_characters", c.replacementCharacters());
        corpus.put("train_characters", c.trainCharacters());
        corpus.put("validation_characters", c.validationCharacters());
        corpus.put("train_tokens", c.trainTokens());
        corpus.put("validation_tokens", c.validationTokens());
        corpus.put("unknown_train_tokens", c.unknownTrainTokens());
        corpus.put("sequence_length", c.sequenceLength());
        corpus.put("train_windows", c.trainWindows());
        corpus.put("validation_windows", c.validationWindows());
        corpus.put("train_batch_files", c.trainBatchFiles());
        corpus.put("validation_batch_files", c.validationBatchFiles());

        ObjectNode phases = root.putObject("phase_seconds");
        run.phases().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> Json.put(phases, e.getKey(), e.getValue()));
        root.set("config", Json.configAsJson(run.configText()));
        return Json.write(root);
    }
}
