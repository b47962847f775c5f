package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import io.sparkrnn.core.report.Json;
import io.sparkrnn.core.train.ModelBytes;
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
 * The files a captioning run leaves beside its reports: {@code model.zip}, {@code captioner.json}
 * (the vocabulary, the image size and channels, the network's shape and the decoding settings,
 * which the model is useless without) and the test images' captions as CSV and Parquet. Each
 * is written atomically.
 */
public final class CaptionFiles {
    public static final String CAPTIONER = "captioner.json";
    public static final String TEST_CSV = "test-captions-csv";
    public static final String TEST_PARQUET = "test-captions-parquet";

    private final Storage storage;
    private final OutputFolder out;

    public CaptionFiles(Storage storage, OutputFolder out) {
        this.storage = storage;
        this.out = out;
    }

    void write(JavaSparkContext sc, byte[] model, CaptionVocabulary vocabulary, CaptionConfig config,
               List<DescribeImages.Described> test, Map<String, Nearest> nearest) throws IOException {
        storage.writeAtomically(out.path(ModelBytes.MODEL_FILE), model);
        storage.writeString(out.path(CAPTIONER), captioner(vocabulary, config));
        List<Row> rows = new ArrayList<>();
        for (DescribeImages.Described t : test) {
            rows.add(RowFactory.create(t.key(), t.beam(), t.beamLogProb(), t.greedy(), t.greedyLogProb(),
                    String.join(" | ", t.references()), nearest.get(t.key()).caption()));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("image", DataTypes.StringType, false),
                DataTypes.createStructField("caption", DataTypes.StringType, false),
                DataTypes.createStructField("log_probability", DataTypes.DoubleType, false),
                DataTypes.createStructField("greedy_caption", DataTypes.StringType, false),
                DataTypes.createStructField("greedy_log_probability", DataTypes.DoubleType, false),
                DataTypes.createStructField("references", DataTypes.StringType, false),
                DataTypes.createStructField("nearest_neighbour_caption", DataTypes.StringType, true)));
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        var frame = spark.createDataFrame(rows, schema);
        FrameWriter writer = new FrameWriter(storage);
        writer.csv(frame, out.path(TEST_CSV), true);
        writer.parquet(frame, out.path(TEST_PARQUET));
    }

    /** What a caption tool needs besides the graph: the words, the image preparation, the shapes. */
    static String captioner(CaptionVocabulary vocabulary, CaptionConfig config) throws IOException {
        ObjectNode root = Json.object();
        CaptionConfig.Data d = config.data();
        root.put("image_height", d.imageHeight());
        root.put("image_width", d.imageWidth());
        root.put("channels", d.channels());
        root.put("max_caption_length", d.maxCaptionLength());
        root.putPOJO("model", config.model());
        root.putPOJO("decode", config.decode());
        root.set("vocabulary", Json.MAPPER.readTree(vocabulary.toJson()));
        root.put("note", "images are drawn on white, resized (bilinear) to image_height x image_width and scaled to "
                + "0..1, channels first (grey = mean of red, green, blue); token k of model.zip's softmax is "
                + "vocabulary.tokens[k]");
        return Json.write(root);
    }
}
