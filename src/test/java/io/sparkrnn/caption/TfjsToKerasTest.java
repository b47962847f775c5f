package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TfjsToKeras} on a tiny TensorFlow.js layers model written here: a 2 x 2 convolution
 * (kernel quantised to uint8, bias float32), ReLU with an integer {@code max_value} (which DL4J's
 * import takes only as a float), a flatten and a dense layer (kernel uint16, bias float16), its
 * weights split over two shards. The file it writes is read back by DL4J's own Keras import.
 */
class TfjsToKerasTest {
    private static final String INIT = "\"kernel_initializer\":{\"class_name\":\"VarianceScaling\",\"config\":{\"scale\":1,"
            + "\"mode\":\"fan_avg\",\"distribution\":\"uniform\",\"seed\":null}},\"bias_initializer\":{\"class_name\":"
            + "\"Zeros\",\"config\":{}},\"kernel_regularizer\":null,\"bias_regularizer\":null,\"activity_regularizer\":null,"
            + "\"kernel_constraint\":null,\"bias_constraint\":null";
    private static final String LAYERS = "["
            + "{\"name\":\"input_1\",\"class_name\":\"InputLayer\",\"config\":{\"batch_input_shape\":[null,4,4,2],"
            + "\"dtype\":\"float32\",\"sparse\":false,\"name\":\"input_1\"},\"inbound_nodes\":[]},"
            + "{\"name\":\"conv\",\"class_name\":\"Conv2D\",\"config\":{\"name\":\"conv\",\"trainable\":true,\"filters\":3,"
            + "\"kernel_size\":[2,2],\"strides\":[1,1],\"padding\":\"valid\",\"data_format\":\"channels_last\","
            + "\"dilation_rate\":[1,1],\"activation\":\"linear\",\"use_bias\":true," + INIT + "},"
            + "\"inbound_nodes\":[[[\"input_1\",0,0,{}]]]},"
            + "{\"name\":\"relu\",\"class_name\":\"ReLU\",\"config\":{\"name\":\"relu\",\"trainable\":true,\"max_value\":6,"
            + "\"negative_slope\":0,\"threshold\":0},\"inbound_nodes\":[[[\"conv\",0,0,{}]]]},"
            + "{\"name\":\"flat\",\"class_name\":\"Flatten\",\"config\":{\"name\":\"flat\",\"trainable\":true,"
            + "\"data_format\":\"channels_last\"},\"inbound_nodes\":[[[\"relu\",0,0,{}]]]},"
            + "{\"name\":\"dense\",\"class_name\":\"Dense\",\"config\":{\"name\":\"dense\",\"trainable\":true,\"units\":2,"
            + "\"activation\":\"linear\",\"use_bias\":true," + INIT + "},\"inbound_nodes\":[[[\"flat\",0,0,{}]]]}]";
    private static final String MODEL_JSON = "{\"format\":\"layers-model\",\"modelTopology\":{\"keras_version\":"
            + "\"2.2.4\",\"backend\":\"tensorflow\",\"model_config\":{\"class_name\":\"Model\",\"config\":{\"name\":\"tiny\","
            + "\"layers\":" + LAYERS + ",\"input_layers\":[[\"input_1\",0,0]],\"output_layers\":[[\"dense\",0,0]]}}},"
            + "\"weightsManifest\":[{\"paths\":[\"group1-shard1of2.bin\",\"group1-shard2of2.bin\"],\"weights\":["
            + "{\"name\":\"conv/kernel\",\"shape\":[2,2,2,3],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"uint8\","
            + "\"scale\":0.01,\"min\":-0.5}},"
            + "{\"name\":\"conv/bias\",\"shape\":[3],\"dtype\":\"float32\"},"
            + "{\"name\":\"dense/kernel\",\"shape\":[27,2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"uint16\","
            + "\"scale\":0.0001,\"min\":-1.0}},"
            + "{\"name\":\"dense/bias\",\"shape\":[2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"float16\"}}]}]}";
    /** The float16 bias: 1.5 and -0.25. */
    private static final short[] HALF_BIAS = {0x3E00, (short) 0xB400};

    @TempDir
    Path dir;

    static int convQ(int i) {
        return (i * 37) % 256;
    }

    static int denseQ(int i) {
        return (i * 2477) % 65536;
    }

    /** Writes the tiny model's folder; the weights split over two shards in the middle of the dense kernel. */
    Path tinyModel() throws IOException {
        Path model = Files.createDirectories(dir.resolve("tfjs"));
        Files.writeString(model.resolve("model.json"), MODEL_JSON);
        ByteBuffer b = ByteBuffer.allocate(24 + 12 + 54 * 2 + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 24; i++) {
            b.put((byte) convQ(i));
        }
        b.putFloat(0.25f).putFloat(-1f).putFloat(2f);
        for (int i = 0; i < 54; i++) {
            b.putShort((short) denseQ(i));
        }
        b.putShort(HALF_BIAS[0]).putShort(HALF_BIAS[1]);
        byte[] all = b.array();
        Files.write(model.resolve("group1-shard1of2.bin"), Arrays.copyOfRange(all, 0, 100));
        Files.write(model.resolve("group1-shard2of2.bin"), Arrays.copyOfRange(all, 100, all.length));
        return model;
    }

    String convert(String... extra) throws IOException {
        TfjsToKeras tool = new TfjsToKeras();
        String[] args = new String[] {"--model", tinyModel().toString(), "--output", dir.resolve("tiny.h5").toString()};
        new CommandLine(tool).parseArgs(concat(args, extra));
        return tool.run();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void writesAFileDl4jsKerasImportReadsWithTheWeightsDequantised() throws Exception {
        String report = convert();
        assertTrue(report.contains("Keras 2.2.4 functional model 'tiny', 5 of 5 layers (2 with weights), 83 parameters"),
                report);
        ComputationGraph g = KerasModelImport.importKerasModelAndWeights(dir.resolve("tiny.h5").toString(), false);
        float[] kernel = new float[24];
        for (int i = 0; i < 24; i++) {
            kernel[i] = (float) (convQ(i) * 0.01 - 0.5);
        }
        // Keras [rows, columns, in, out]; DL4J [out, in, rows, columns].
        INDArray keras = Nd4j.create(kernel, new long[] {2, 2, 2, 3});
        assertTrue(keras.permute(3, 2, 0, 1).equalsWithEps(g.getLayer("conv").getParam("W"), 1e-7), "conv kernel");
        assertArrayEquals(new float[] {0.25f, -1f, 2f}, g.getLayer("conv").getParam("b").toFloatVector(), 0f);
        float[] dense = g.getLayer("dense").getParam("W").dup('c').reshape(-1).toFloatVector();
        for (int i = 0; i < 54; i++) {
            assertEquals((float) (denseQ(i) * 0.0001 - 1.0), dense[i], 1e-7, "dense kernel value " + i);
        }
        assertArrayEquals(new float[] {1.5f, -0.25f}, g.getLayer("dense").getParam("b").toFloatVector(), 0f);
        assertArrayEquals(new long[] {1, 2}, g.outputSingle(Nd4j.rand(1, 4, 4, 2)).shape());
    }

    @Test
    void cutsAtALayerAndTheEncoderReadsTheCutFile() throws Exception {
        String report = convert("--cut", "relu");
        assertTrue(report.contains("3 of 5 layers (1 with weights), 27 parameters"), report);
        assertTrue(report.contains("input [batch,4,4,2], output layer relu"), report);
        KerasEncoder e = KerasEncoder.read(dir.resolve("tiny.h5").toString(), "relu");
        assertEquals(java.util.List.of("conv", "relu"), e.layerNames());
        assertEquals(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(3, 3, 3), e.outputType(4, 4));
        DataException tooSmall = assertThrows(DataException.class, () -> e.outputType(1, 1));
        assertTrue(tooSmall.getMessage().contains("images of 1 x 1 do not fit: layer 'enc/conv' has a 2 x 2 window "
                + "and gets a 1 x 1 map"), tooSmall.getMessage());
    }

    @Test
    void aSequentialModelIsReadAsAGraph() throws Exception {
        Path model = Files.createDirectories(dir.resolve("seq"));
        String conv = LAYERS.substring(LAYERS.indexOf("{\"name\":\"conv\""), LAYERS.indexOf(",{\"name\":\"relu\""))
                .replace("\"trainable\":true,\"filters\"", "\"trainable\":true,\"batch_input_shape\":[null,4,4,2],"
                        + "\"filters\"");
        String relu = LAYERS.substring(LAYERS.indexOf("{\"name\":\"relu\""), LAYERS.indexOf(",{\"name\":\"flat\""));
        Files.writeString(model.resolve("model.json"), "{\"modelTopology\":{\"keras_version\":\"2.2.4\",\"backend\":"
                + "\"tensorflow\",\"model_config\":{\"class_name\":\"Sequential\",\"config\":[" + conv + "," + relu
                + "]}},\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":[{\"name\":\"conv/kernel\","
                + "\"shape\":[2,2,2,3],\"dtype\":\"float32\"},{\"name\":\"conv/bias\",\"shape\":[3],\"dtype\":\"float32\"}]}]}");
        ByteBuffer b = ByteBuffer.allocate(27 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 27; i++) {
            b.putFloat(i / 10f - 1f);
        }
        Files.write(model.resolve("w.bin"), b.array());
        TfjsToKeras tool = new TfjsToKeras();
        new CommandLine(tool).parseArgs("--model", model.toString(), "--output", dir.resolve("seq.h5").toString());
        assertTrue(tool.run().contains("Keras 2.2.4 Sequential model '?', 2 of 2 layers (1 with weights), 27 parameters"));
        KerasEncoder e = KerasEncoder.read(dir.resolve("seq.h5").toString(), "relu");
        assertEquals(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(3, 3, 3), e.outputType(4, 4));
        INDArray out = e.output(Nd4j.ones(1, 2, 4, 4));
        // Every output is bias + the sum of the kernel's 8 taps of its filter, clipped to 0..6.
        float[] k = new float[24];
        for (int i = 0; i < 24; i++) {
            k[i] = i / 10f - 1f;
        }
        for (int o = 0; o < 3; o++) {
            float sum = 24 / 10f - 1f + o / 10f;
            for (int i = o; i < 24; i += 3) {
                sum += k[i];
            }
            assertEquals(Math.min(6f, Math.max(0f, sum)), out.getFloat(0, o, 1, 1), 1e-5, "filter " + o);
        }
    }

    @Test
    void anUnknownCutLayerIsNamedWithTheLayersThereAre() {
        DataException e = assertThrows(DataException.class, () -> convert("--cut", "pool"));
        assertEquals("cut layer 'pool': no such layer; the model's layers are input_1, conv, relu, flat, dense",
                e.getMessage());
    }

    @Test
    void aMissingShardOrAShortOneIsNamed() throws IOException {
        Path model = tinyModel();
        Files.delete(model.resolve("group1-shard2of2.bin"));
        DataException missing = assertThrows(DataException.class, () -> TfjsModel.read(model));
        assertEquals(model.resolve("group1-shard2of2.bin") + ": no such file (named in " + model.resolve("model.json")
                + " weightsManifest paths)", missing.getMessage());
        Files.write(model.resolve("group1-shard2of2.bin"), new byte[10]);
        DataException shortShard = assertThrows(DataException.class, () -> TfjsModel.read(model));
        assertTrue(shortShard.getMessage().endsWith("weight 'dense/kernel': needs 108 bytes but the shards "
                + "[\"group1-shard1of2.bin\",\"group1-shard2of2.bin\"] hold only 74 more"), shortShard.getMessage());
    }

    @Test
    void anExistingOutputIsKeptUnlessOverwriteIsGiven() throws IOException {
        convert();
        DataException e = assertThrows(DataException.class, this::convert);
        assertTrue(e.getMessage().endsWith("tiny.h5: exists; pass --overwrite to replace it"), e.getMessage());
        assertTrue(convert("--overwrite").startsWith("wrote "));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".tmp-")).count(), "no temporary file left");
        }
    }

    @Test
    void halfPrecisionNumbersDecode() {
        assertEquals(1f, TfjsModel.halfToFloat((short) 0x3C00));
        assertEquals(-2f, TfjsModel.halfToFloat((short) 0xC000));
        assertEquals(65504f, TfjsModel.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, TfjsModel.halfToFloat((short) 0x0001));
        assertEquals(Float.POSITIVE_INFINITY, TfjsModel.halfToFloat((short) 0x7C00));
        assertTrue(Float.isNaN(TfjsModel.halfToFloat((short) 0x7E00)));
    }
}
