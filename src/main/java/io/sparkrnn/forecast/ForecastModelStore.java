package io.sparkrnn.forecast;

import io.sparkrnn.core.stats.Standardizer;

import io.sparkrnn.core.train.ModelBytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.Storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads a forecasting model: {@code model.zip} (DL4J's format), {@code
 * transforms.json} (each series' transform and scalers, fitted with the model) and {@code
 * config.conf} (the schema, window and transform it was trained with). A network's outputs
 * mean nothing without the scalers that turn them back into values, so the three always
 * travel together.
 */
public final class ForecastModelStore {
    public static final String TRANSFORMS_FILE = "transforms.json";
    public static final String CONFIG_FILE = "config.conf";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ForecastModelStore() {
    }

    /**
     * A model (DL4J's model.zip of a direct network or a seq2seq graph, read by
     * {@link ForecastNetwork#fromBytes}) with the fits of the series it was trained on and its
     * configuration text.
     */
    public record Loaded(byte[] model, Map<String, SeriesFit> fits, String configText, String dir) {
    }

    public static void save(Storage storage, String dir, byte[] model, Collection<SeriesFit> fits,
                            String configText) throws IOException {
        storage.writeAtomically(dir + "/" + ModelBytes.MODEL_FILE, model);
        storage.writeString(dir + "/" + TRANSFORMS_FILE, transformsJson(fits));
        storage.writeString(dir + "/" + CONFIG_FILE, configText);
    }

    public static Loaded load(Storage storage, String uri) throws IOException {
        String dir = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        for (String name : new String[]{ModelBytes.MODEL_FILE, TRANSFORMS_FILE, CONFIG_FILE}) {
            if (!storage.exists(dir + "/" + name)) {
                throw new FileNotFoundException(dir + "/" + name + " does not exist: --model must name the output "
                        + "folder of a jobs/train-forecast.sh run (holding " + ModelBytes.MODEL_FILE + ", "
                        + TRANSFORMS_FILE + " and " + CONFIG_FILE + ")");
            }
        }
        byte[] net = storage.readBytes(dir + "/" + ModelBytes.MODEL_FILE);
        Map<String, SeriesFit> fits = parseTransforms(storage.readString(dir + "/" + TRANSFORMS_FILE),
                dir + "/" + TRANSFORMS_FILE);
        return new Loaded(net, fits, storage.readString(dir + "/" + CONFIG_FILE), dir);
    }

    static String transformsJson(Collection<SeriesFit> fits) {
        ObjectNode root = JSON.createObjectNode();
        root.put("note", "Per series: the target transform, and the mean and standard deviation the target (after "
                + "the transform) and each covariate were standardised with, fitted on the series up to 'fitted_to'.");
        ArrayNode series = root.putArray("series");
        fits.stream().sorted(java.util.Comparator.comparing(SeriesFit::series)).forEach(f -> {
            ObjectNode s = series.addObject();
            s.put("id", f.series());
            s.put("transform", f.transform().key());
            s.put("fitted_to", LocalDate.ofEpochDay(f.originDay()).toString());
            s.putObject("target").put("mean", f.target().mean()).put("std", f.target().std());
            ArrayNode cov = s.putArray("covariates");
            for (Standardizer c : f.covariates()) {
                cov.addObject().put("mean", c.mean()).put("std", c.std());
            }
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, SeriesFit> parseTransforms(String json, String origin) throws IOException {
        Map<String, SeriesFit> fits = new LinkedHashMap<>();
        JsonNode root = JSON.readTree(json);
        JsonNode series = root.path("series");
        if (!series.isArray()) {
            throw new IOException(origin + ": expected a 'series' array");
        }
        for (JsonNode s : series) {
            try {
                TargetTransform t = TargetTransform.valueOf(s.get("transform").asText().toUpperCase(java.util.Locale.ROOT)
                        .replace('-', '_'));
                JsonNode cov = s.get("covariates");
                Standardizer[] covariates = new Standardizer[cov.size()];
                for (int i = 0; i < covariates.length; i++) {
                    covariates[i] = new Standardizer(cov.get(i).get("mean").asDouble(), cov.get(i).get("std").asDouble());
                }
                String id = s.get("id").asText();
                fits.put(id, new SeriesFit(id, t, new Standardizer(s.get("target").get("mean").asDouble(),
                        s.get("target").get("std").asDouble()), covariates,
                        LocalDate.parse(s.get("fitted_to").asText()).toEpochDay()));
            } catch (RuntimeException e) {
                throw new IOException(origin + ": unreadable entry " + s + " (" + e + ")", e);
            }
        }
        return fits;
    }
}
