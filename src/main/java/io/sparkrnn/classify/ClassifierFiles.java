package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Standardizer;

import io.sparkrnn.core.train.ModelBytes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.FrameWriter;
import io.sparkrnn.core.io.OutputFolder;
import io.sparkrnn.core.io.Storage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The files a classification run leaves beside its reports: {@code model.zip},
 * {@code classifier.json} (the class of each output unit, the feature columns in input order
 * and their scaling, which a model is useless without) and the test predictions. Each is
 * written atomically.
 */
public final class ClassifierFiles {
    public static final String CLASSIFIER = "classifier.json";
    public static final String PREDICTIONS = "predictions-csv";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Storage storage;
    private final OutputFolder out;

    public ClassifierFiles(Storage storage, OutputFolder out) {
        this.storage = storage;
        this.out = out;
    }

    public void writeModel(byte[] model, ClassIndex classes, List<String> featureColumns, Standardizer[] scaler)
            throws IOException {
        storage.writeAtomically(out.path(ModelBytes.MODEL_FILE), model);
        ObjectNode root = JSON.createObjectNode();
        root.putPOJO("classes", classes.labels());
        root.putPOJO("feature_columns", featureColumns);
        root.putPOJO("feature_mean", Arrays.stream(scaler).map(Standardizer::mean).toList());
        root.putPOJO("feature_std", Arrays.stream(scaler).map(Standardizer::std).toList());
        root.put("note", "output unit k of model.zip is classes[k]; each input feature c is fed as "
                + "(value - feature_mean[c]) / feature_std[c], in the order of feature_columns");
        storage.writeString(out.path(CLASSIFIER), JSON.writeValueAsString(root));
    }

    /** One CSV (id, true and predicted class, their probabilities, length) sorted by id. */
    public void writePredictions(SparkSession spark, JavaRDD<Prediction> predictions, ClassIndex classes)
            throws IOException {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.StringType, false),
                DataTypes.createStructField("label", DataTypes.StringType, false),
                DataTypes.createStructField("predicted", DataTypes.StringType, false),
                DataTypes.createStructField("correct", DataTypes.BooleanType, false),
                DataTypes.createStructField("p_predicted", DataTypes.DoubleType, false),
                DataTypes.createStructField("p_label", DataTypes.DoubleType, false),
                DataTypes.createStructField("length", DataTypes.IntegerType, false)));
        var frame = spark.createDataFrame(predictions.map(new PredictionRow(classes)), schema).orderBy("id");
        new FrameWriter(storage).csv(frame, out.path(PREDICTIONS), true);
    }

    record PredictionRow(ClassIndex classes) implements Function<Prediction, Row> {
        @Override
        public Row call(Prediction p) {
            return RowFactory.create(p.id(), classes.label(p.actual()), classes.label(p.predicted()), p.correct(),
                    (double) p.probabilities()[p.predicted()], (double) p.probabilities()[p.actual()], p.length());
        }
    }
}
