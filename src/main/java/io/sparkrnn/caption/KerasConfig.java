package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.DataException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Edits of a Keras model configuration (the {@code model_config} JSON: {@code class_name}
 * {@code Model}, {@code Functional} or {@code Sequential}, and {@code config}) that a
 * converter or an importer needs: the layers in order, the model cut at a layer, and the
 * float-typed settings written as floats. DL4J's Keras import casts some settings straight to
 * {@code Double} (ReLU's {@code max_value}), so a {@code 6} that TensorFlow.js or a JSON tool
 * wrote for {@code 6.0} fails the import with a ClassCastException.
 */
final class KerasConfig {
    /** Settings that are floats in Keras; an integral value is rewritten as a float. */
    private static final Set<String> FLOAT_SETTINGS = Set.of("max_value", "negative_slope", "threshold", "alpha",
            "theta", "epsilon", "momentum", "rate", "stddev", "mean", "minval", "maxval", "gain", "value", "scale",
            "l1", "l2");

    private KerasConfig() {
    }

    static boolean isSequential(JsonNode modelConfig) {
        return modelConfig.path("class_name").asText().equals("Sequential");
    }

    /** The layer objects in order (a Sequential's {@code config} may be the list itself, as in Keras 2.2). */
    static ArrayNode layers(JsonNode modelConfig) {
        JsonNode config = modelConfig.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray()) {
            throw new DataException("model_config: no config.layers list (class_name '"
                    + modelConfig.path("class_name").asText() + "'; expected a Keras Model, Functional or Sequential)");
        }
        return (ArrayNode) layers;
    }

    static String name(JsonNode layer) {
        return layer.path("config").path("name").asText(layer.path("name").asText());
    }

    /** The names of the layers whose outputs a layer of a functional model reads. */
    static List<String> inbound(JsonNode layer) {
        List<String> names = new ArrayList<>();
        for (JsonNode node : layer.path("inbound_nodes")) {
            for (JsonNode tensor : node) {
                if (!tensor.isArray() || !tensor.path(0).isTextual()) {
                    throw new DataException("layer '" + name(layer) + "': inbound_nodes " + layer.path("inbound_nodes")
                            + " are not in the Keras 2 form [[[\"name\", 0, 0, {}], ...]]");
                }
                names.add(tensor.get(0).asText());
            }
        }
        return names;
    }

    /**
     * A copy of the configuration that ends at {@code layer}: a functional model keeps the layers
     * {@code layer} depends on (in their order) and the inputs among them, with {@code layer} as its
     * one output; a Sequential keeps its layers up to {@code layer}.
     */
    static ObjectNode cutAt(ObjectNode modelConfig, String layer) {
        ObjectNode copy = modelConfig.deepCopy();
        ArrayNode layers = layers(copy);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode l : layers) {
            byName.put(name(l), l);
        }
        if (!byName.containsKey(layer)) {
            throw new DataException("cut layer '" + layer + "': no such layer; the model's layers are "
                    + String.join(", ", byName.keySet()));
        }
        Set<String> keep = isSequential(copy) ? upTo(byName, layer) : ancestors(byName, layer);
        for (Iterator<JsonNode> it = layers.iterator(); it.hasNext(); ) {
            if (!keep.contains(name(it.next()))) {
                it.remove();
            }
        }
        if (!isSequential(copy)) {
            ObjectNode config = (ObjectNode) copy.get("config");
            ArrayNode inputs = config.putArray("input_layers");
            for (JsonNode in : modelConfig.path("config").path("input_layers")) {
                if (keep.contains(in.path(0).asText())) {
                    inputs.add(in.deepCopy());
                }
            }
            config.putArray("output_layers").addArray().add(layer).add(0).add(0);
        }
        return copy;
    }

    private static Set<String> upTo(Map<String, JsonNode> byName, String layer) {
        Set<String> keep = new HashSet<>();
        for (String name : byName.keySet()) {
            keep.add(name);
            if (name.equals(layer)) {
                break;
            }
        }
        return keep;
    }

    private static Set<String> ancestors(Map<String, JsonNode> byName, String layer) {
        Set<String> keep = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(layer));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            JsonNode l = byName.get(name);
            if (l == null) {
                throw new DataException("layer '" + name + "' is an input of another layer but is not in the model");
            }
            if (keep.add(name)) {
                todo.addAll(inbound(l));
            }
        }
        return keep;
    }

    /**
     * A Sequential configuration as the functional one it stands for (each layer reading the one
     * before, an input layer made from the first layer's {@code batch_input_shape} unless there is
     * one), so that the import keeps the Keras layer names; a functional one as it is.
     */
    static JsonNode asFunctional(JsonNode modelConfig) {
        if (!isSequential(modelConfig)) {
            return modelConfig;
        }
        ArrayNode layers = layers(modelConfig).deepCopy();
        ArrayNode chained = JsonNodeFactory.instance.arrayNode();
        String previous = null;
        for (JsonNode l : layers) {
            ObjectNode layer = (ObjectNode) l;
            boolean input = layer.path("class_name").asText().equals("InputLayer");
            if (previous == null && !input) {
                ObjectNode in = chained.addObject();
                in.put("name", "input_1").put("class_name", "InputLayer");
                ObjectNode config = in.putObject("config");
                config.set("batch_input_shape", layer.path("config").path("batch_input_shape").deepCopy());
                config.put("dtype", "float32").put("sparse", false).put("name", "input_1");
                in.putArray("inbound_nodes");
                previous = "input_1";
            }
            ((ObjectNode) layer.get("config")).remove("batch_input_shape");
            layer.put("name", name(layer));
            ArrayNode inbound = layer.putArray("inbound_nodes");
            if (previous != null) {
                inbound.addArray().addArray().add(previous).add(0).add(0).addObject();
            }
            chained.add(layer);
            previous = name(layer);
        }
        ObjectNode functional = JsonNodeFactory.instance.objectNode().put("class_name", "Model");
        ObjectNode config = functional.putObject("config");
        config.put("name", modelConfig.path("config").path("name").asText("sequential"));
        config.set("layers", chained);
        config.putArray("input_layers").addArray().add(name(chained.get(0))).add(0).add(0);
        config.putArray("output_layers").addArray().add(previous).add(0).add(0);
        return functional;
    }

    /** Rewrites, in place, every integral value of a float-typed setting ({@link #FLOAT_SETTINGS}) as a float. */
    static void floatSettingsAsFloats(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (FLOAT_SETTINGS.contains(e.getKey()) && e.getValue().isIntegralNumber()) {
                    e.setValue(DoubleNode.valueOf(e.getValue().asDouble()));
                } else {
                    floatSettingsAsFloats(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(KerasConfig::floatSettingsAsFloats);
        }
    }

    /**
     * The JSON that DL4J's importer reads: the configuration with its Keras version and backend
     * (without them DL4J takes the model for Keras 1) and float settings as floats.
     */
    static ObjectNode forImport(JsonNode modelConfig, String kerasVersion, String backend) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("class_name", modelConfig.path("class_name").deepCopy());
        json.set("config", modelConfig.path("config").deepCopy());
        json.put("keras_version", kerasVersion);
        json.put("backend", backend);
        floatSettingsAsFloats(json);
        return json;
    }
}
