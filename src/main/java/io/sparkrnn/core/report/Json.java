package io.sparkrnn.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The project's JSON writer: pretty-printed, non-finite numbers written as null. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /**
     * The writer and reader of state saved in checkpoints (records as JSON): NaN and infinities
     * kept, as strings, and fields a newer version added are ignored when read.
     */
    public static final ObjectMapper STATE = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts a number, or null when it is NaN or infinite (JSON has no such numbers). */
    public static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /**
     * The provenance header every run.json starts with: versions, Spark settings and workers,
     * seed, start, finish and wall time.
     */
    public static ObjectNode provenance(java.util.Map<String, String> versions, java.util.Map<String, String> spark,
                                 int workers, long seed, java.time.Instant started, java.time.Instant finished,
                                 double wallSeconds) {
        ObjectNode root = object();
        ObjectNode v = root.putObject("versions");
        new java.util.TreeMap<>(versions).forEach(v::put);
        ObjectNode s = root.putObject("spark");
        new java.util.TreeMap<>(spark).forEach(s::put);
        s.put("workers", workers);
        root.put("seed", seed);
        root.put("started", started.toString());
        root.put("finished", finished.toString());
        put(root, "wall_seconds", wallSeconds);
        return root;
    }

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configuration text (HOCON) as a JSON tree, for run.json. */
    public static JsonNode configAsJson(String hocon) {
        String json = ConfigFactory.parseString(hocon).root().render(ConfigRenderOptions.concise());
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
