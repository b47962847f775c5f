package io.sparkrnn.core.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.InputFile;
import io.sparkrnn.core.report.BuildInfo;
import io.sparkrnn.core.report.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code run.json}: the provenance of a run, one record for every job, as Spark ML's
 * {@code DefaultParamsWriter} writes the same basic metadata for every model. What ran (the
 * job, versions, the resolved configuration, seed, Spark and its workers), on what (input files
 * and sizes), when and how long (start, end, wall time, phases, training time, the driver's
 * memory), where it went, and whether it continued an earlier attempt; then the job's own
 * section under {@code task}. Every job's record has exactly {@link #KEYS} at the top.
 *
 * @param resumedFrom the checkpoint this attempt continued from, or null for a run in one go
 */
public record RunRecord(String job, Map<String, String> versions, Map<String, String> spark, int workers, long seed,
                        Instant started, Instant finished, String resumedFrom, double trainingSeconds,
                        Map<String, Double> phases, List<InputFile> inputs, String output, String configText,
                        ObjectNode task) {

    /** The top-level keys of every run.json, in order. */
    public static final List<String> KEYS = List.of("job", "versions", "spark", "seed", "started", "finished",
            "wall_seconds", "resumed_from", "training_seconds", "driver_memory", "phase_seconds", "input", "output",
            "config", "task");

    public double wallSeconds() {
        return Duration.between(started, finished).toMillis() / 1000.0;
    }

    public String render() {
        ObjectNode root = Json.object();
        root.put("job", job);
        ObjectNode v = root.putObject("versions");
        new TreeMap<>(versions).forEach(v::put);
        ObjectNode s = root.putObject("spark");
        new TreeMap<>(spark).forEach(s::put);
        s.put("workers", workers);
        root.put("seed", seed);
        root.put("started", started.toString());
        root.put("finished", finished.toString());
        Json.put(root, "wall_seconds", wallSeconds());
        if (resumedFrom == null) {
            root.putNull("resumed_from");
        } else {
            root.put("resumed_from", resumedFrom);
        }
        Json.put(root, "training_seconds", trainingSeconds);
        ObjectNode driver = root.putObject("driver_memory");
        driver.put("heap_max_bytes", Runtime.getRuntime().maxMemory());
        driver.put("heap_peak_bytes", BuildInfo.heapPeakBytes());
        driver.put("note", "heap_peak_bytes sums the peaks of the heap pools: an upper bound of the driver JVM's "
                + "peak heap use, which on a local master includes the tasks");
        ObjectNode p = root.putObject("phase_seconds");
        phases.forEach((k, x) -> Json.put(p, k, x));
        ObjectNode input = root.putObject("input");
        input.put("bytes", inputs.stream().mapToLong(InputFile::bytes).sum());
        ArrayNode files = input.putArray("files");
        inputs.forEach(f -> files.addObject().put("path", f.path()).put("bytes", f.bytes()));
        root.put("output", output);
        root.set("config", Json.configAsJson(configText));
        root.set("task", task);
        return Json.write(root);
    }
}
