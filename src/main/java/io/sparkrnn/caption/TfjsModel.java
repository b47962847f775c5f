package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.DataException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow.js layers model as its folder holds it: {@code model.json} (the Keras model
 * configuration under {@code modelTopology} and the weights manifest) and the binary weight
 * shards the manifest names. The weights are decoded to floats here, quantised ones included
 * (tfjs-converter's {@code --quantize_uint8/uint16}: value = q * scale + min; {@code float16}:
 * half precision), so that {@link KerasHdf5Writer} can write them as Keras would have.
 *
 * @param topology the {@code modelTopology} object: {@code model_config}, {@code keras_version},
 *                 {@code backend} and perhaps {@code training_config}
 * @param weights  every weight in manifest order
 */
record TfjsModel(ObjectNode topology, List<Weight> weights) {
    static final String MODEL_JSON = "model.json";

    /** One weight as the manifest names it ({@code Conv1/kernel}), its shape and its values in row-major order. */
    record Weight(String name, long[] shape, float[] values) {
    }

    /** Reads {@code folder/model.json} and the shards it names from the same folder. */
    static TfjsModel read(Path folder) throws IOException {
        Path json = folder.resolve(MODEL_JSON);
        if (!Files.isRegularFile(json)) {
            throw new DataException(json + ": no such file (expected the model.json of a TensorFlow.js layers model)");
        }
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode topology = root.path("modelTopology");
        if (!topology.isObject() || !topology.has("model_config")) {
            throw new DataException(json + ": no modelTopology.model_config; expected a layers model (format "
                    + "'layers-model'), found format '" + root.path("format").asText("(none)") + "'");
        }
        JsonNode manifest = root.path("weightsManifest");
        if (!manifest.isArray()) {
            throw new DataException(json + ": no weightsManifest array");
        }
        List<Weight> weights = new ArrayList<>();
        for (JsonNode group : manifest) {
            decodeGroup(folder, json, group, weights);
        }
        return new TfjsModel((ObjectNode) topology, weights);
    }

    /** Decodes one manifest group: its shards read one after the other hold its weights in order. */
    private static void decodeGroup(Path folder, Path json, JsonNode group, List<Weight> out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonNode p : group.path("paths")) {
            Path shard = folder.resolve(p.asText());
            if (!Files.isRegularFile(shard)) {
                throw new DataException(shard + ": no such file (named in " + json + " weightsManifest paths)");
            }
            bytes.write(Files.readAllBytes(shard));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode spec : group.path("weights")) {
            String name = spec.path("name").asText();
            long[] shape = new long[spec.path("shape").size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = spec.path("shape").get(i).asLong();
                count *= shape[i];
            }
            String where = json + " weight '" + name + "'";
            WeightCodec codec = WeightCodec.of(spec, where);
            if (data.remaining() < count * codec.bytes()) {
                throw new DataException(where + ": needs " + count * codec.bytes() + " bytes but the shards "
                        + group.path("paths") + " hold only " + data.remaining() + " more");
            }
            float[] values = new float[Math.toIntExact(count)];
            for (int i = 0; i < values.length; i++) {
                values[i] = codec.next(data);
            }
            out.add(new Weight(name, shape, values));
        }
        if (data.hasRemaining()) {
            throw new DataException(json + ": the shards " + group.path("paths") + " hold " + data.remaining()
                    + " bytes more than the weights of their group");
        }
    }

    ObjectNode modelConfig() {
        return (ObjectNode) topology.get("model_config");
    }

    /** The layer names in the order of the configuration. */
    List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode layer : KerasConfig.layers(modelConfig())) {
            names.add(layer.path("config").path("name").asText(layer.path("name").asText()));
        }
        return names;
    }

    /**
     * The weights grouped by layer, in configuration order and in manifest order within a layer.
     * A weight belongs to the layer whose name comes before its last {@code /}.
     */
    Map<String, List<Weight>> weightsByLayer() {
        Map<String, List<Weight>> byLayer = new LinkedHashMap<>();
        for (String layer : layerNames()) {
            byLayer.put(layer, new ArrayList<>());
        }
        for (Weight w : weights) {
            int slash = w.name().lastIndexOf('/');
            String layer = slash < 0 ? "" : w.name().substring(0, slash);
            List<Weight> list = byLayer.get(layer);
            if (list == null) {
                throw new DataException("weight '" + w.name() + "': no layer '" + layer + "' in the model "
                        + "configuration (expected weight names LAYER/NAME, such as Conv1/kernel)");
            }
            list.add(w);
        }
        return byLayer;
    }

    /** The model up to {@code layer}: the layers it needs, with {@code layer} as the only output. */
    TfjsModel cutAt(String layer) {
        ObjectNode config = KerasConfig.cutAt(modelConfig(), layer);
        ObjectNode topology = this.topology.deepCopy();
        topology.set("model_config", config);
        topology.remove("training_config");
        List<String> kept = new TfjsModel(topology, List.of()).layerNames();
        List<Weight> weights = new ArrayList<>();
        weightsByLayer().forEach((name, list) -> {
            if (kept.contains(name)) {
                weights.addAll(list);
            }
        });
        return new TfjsModel(topology, weights);
    }

    /**
     * How one manifest entry stores its values: plain {@code float32} or {@code int32}, or
     * quantised as tfjs-converter writes it ({@code quantization.dtype} {@code uint8} or
     * {@code uint16} with {@code scale} and {@code min}, or {@code float16}).
     */
    private interface WeightCodec {
        int bytes();

        float next(ByteBuffer data);

        static WeightCodec of(JsonNode spec, String where) {
            JsonNode q = spec.path("quantization");
            String dtype = spec.path("dtype").asText("float32");
            if (q.isMissingNode()) {
                return switch (dtype) {
                    case "float32" -> codec(4, ByteBuffer::getFloat);
                    case "int32" -> codec(4, b -> b.getInt());
                    default -> throw new DataException(where + ": dtype '" + dtype + "'; expected float32 or int32");
                };
            }
            String qtype = q.path("dtype").asText();
            if (qtype.equals("float16")) {
                return codec(2, b -> halfToFloat(b.getShort()));
            }
            if (!q.path("scale").isNumber() || !q.path("min").isNumber()) {
                throw new DataException(where + ": quantization " + q + " lacks a numeric scale and min");
            }
            double scale = q.path("scale").asDouble();
            double min = q.path("min").asDouble();
            return switch (qtype) {
                case "uint8" -> codec(1, b -> (float) (Byte.toUnsignedInt(b.get()) * scale + min));
                case "uint16" -> codec(2, b -> (float) (Short.toUnsignedInt(b.getShort()) * scale + min));
                default -> throw new DataException(where + ": quantization dtype '" + qtype
                        + "'; expected uint8, uint16 or float16");
            };
        }

        private static WeightCodec codec(int bytes, java.util.function.ToDoubleFunction<ByteBuffer> read) {
            return new WeightCodec() {
                @Override
                public int bytes() {
                    return bytes;
                }

                @Override
                public float next(ByteBuffer data) {
                    return (float) read.applyAsDouble(data);
                }
            };
        }
    }

    /** An IEEE 754 half-precision number (its 16 bits) as a float. */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
