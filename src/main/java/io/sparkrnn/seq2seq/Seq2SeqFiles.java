package io.sparkrnn.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.nn.Cell;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files a sequence-to-sequence run leaves beside its reports: {@code model.zip},
 * {@code seq2seq.json} (both token lists, how a line is read and cut into tokens, the network's
 * shape and the decoding settings, which the model is useless without) and the test words'
 * outputs as CSV and Parquet. Each is written atomically. {@link #read} is the transduce tool's
 * way back.
 */
public final class Seq2SeqFiles {
    public static final String SEQ2SEQ = "seq2seq.json";
    public static final String TEST_CSV = "test-outputs-csv";
    public static final String TEST_PARQUET = "test-outputs-parquet";

    private final Storage storage;
    private final OutputFolder out;

    public Seq2SeqFiles(Storage storage, OutputFolder out) {
        this.storage = storage;
        this.out = out;
    }

    /** What the transduce tool needs besides the graph. */
    public record Saved(Symbols sources, Symbols targets, Seq2SeqConfig.Model model, Seq2SeqConfig.Decode decode,
                        PairParser.Tokens sourceTokens, boolean lowercase) {
    }

    void write(JavaSparkContext sc, byte[] model, Symbols sources, Symbols targets, Seq2SeqConfig config,
               List<Transduce.Output> test, Map<String, NearestSpelling.Match> nearest) throws IOException {
        storage.writeAtomically(out.path(ModelBytes.MODEL_FILE), model);
        storage.writeString(out.path(SEQ2SEQ), describe(sources, targets, config));
        List<Row> rows = new ArrayList<>();
        for (Transduce.Output o : test) {
            Word w = o.word();
            NearestSpelling.Match m = nearest.get(w.key());
            rows.add(RowFactory.create(w.key(), String.join(" ", o.beam()), o.beamLogProb(),
                    w.references().contains(o.beam()), String.join(" ", o.greedy()), o.greedyLogProb(),
                    String.join(" | ", w.references().stream().map(r -> String.join(" ", r)).toList()),
                    m.spelling(), String.join(" ", m.target())));
        }
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        var frame = spark.createDataFrame(rows, schema());
        FrameWriter writer = new FrameWriter(storage);
        writer.csv(frame, out.path(TEST_CSV), true);
        writer.parquet(frame, out.path(TEST_PARQUET));
    }

    private static StructType schema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("source", DataTypes.StringType, false),
                DataTypes.createStructField("output", DataTypes.StringType, false),
                DataTypes.createStructField("log_probability", DataTypes.DoubleType, false),
                DataTypes.createStructField("correct", DataTypes.BooleanType, false),
                DataTypes.createStructField("greedy_output", DataTypes.StringType, false),
                DataTypes.createStructField("greedy_log_probability", DataTypes.DoubleType, false),
                DataTypes.createStructField("references", DataTypes.StringType, false),
                DataTypes.createStructField("nearest_spelling", DataTypes.StringType, false),
                DataTypes.createStructField("nearest_spelling_output", DataTypes.StringType, false)));
    }

    static String describe(Symbols sources, Symbols targets, Seq2SeqConfig config) {
        ObjectNode root = Json.object();
        root.put("source_tokens", config.data().sourceTokens().name().toLowerCase(java.util.Locale.ROOT));
        root.put("target_tokens", config.data().targetTokens().name().toLowerCase(java.util.Locale.ROOT));
        root.put("lowercase", config.data().lowercase());
        Seq2SeqConfig.Model m = config.model();
        ObjectNode model = root.putObject("model");
        model.put("embedding_size", m.embeddingSize());
        model.put("cell", m.cell().name().toLowerCase(java.util.Locale.ROOT));
        model.put("layers", m.layers());
        model.put("hidden_size", m.hiddenSize());
        model.put("bidirectional", m.bidirectional());
        model.put("attention", m.attention());
        Seq2SeqConfig.Decode d = config.decode();
        root.putObject("decode").put("beam_width", d.beamWidth()).put("length_penalty", d.lengthPenalty())
                .put("max_length", d.maxLength());
        root.set("sources", sources.toJson());
        root.set("targets", targets.toJson());
        root.put("note", "model.zip's inputs: source (source token ids, [batch, 1, steps], padded after the end and "
                + "masked), source-backward when bidirectional (the same reversed), decoder-in (<start> then the "
                + "target so far); output k of its softmax is targets.tokens[k]");
        return Json.write(root);
    }

    /** Reads {@link #SEQ2SEQ} of a model folder. */
    public static Saved read(Storage storage, String modelDir) throws IOException {
        String path = modelDir + "/" + SEQ2SEQ;
        if (!storage.exists(path)) {
            throw new DataException("--model: " + modelDir + " has no " + SEQ2SEQ + "; expected the output folder of "
                    + "jobs/train-seq2seq.sh");
        }
        JsonNode root = Json.MAPPER.readTree(storage.readString(path));
        JsonNode m = root.path("model");
        JsonNode d = root.path("decode");
        try {
            return new Saved(Symbols.fromJson(root.path("sources"), path + " (sources)"),
                    Symbols.fromJson(root.path("targets"), path + " (targets)"),
                    new Seq2SeqConfig.Model(m.path("embedding_size").asInt(),
                            Cell.valueOf(m.path("cell").asText().toUpperCase(java.util.Locale.ROOT)),
                            m.path("layers").asInt(), m.path("hidden_size").asInt(), m.path("bidirectional").asBoolean(),
                            m.path("attention").asBoolean(false), 0),
                    new Seq2SeqConfig.Decode(d.path("beam_width").asInt(), d.path("length_penalty").asDouble(),
                            d.path("max_length").asInt()),
                    PairParser.Tokens.valueOf(root.path("source_tokens").asText().toUpperCase(java.util.Locale.ROOT)),
                    root.path("lowercase").asBoolean());
        } catch (IllegalArgumentException e) {
            throw new DataException(path + " is not a seq2seq.json of this project: " + e.getMessage());
        }
    }
}
