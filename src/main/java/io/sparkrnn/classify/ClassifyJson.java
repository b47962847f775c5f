package io.sparkrnn.classify;

import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.evaluation.classification.ConfusionMatrix;


/**
 * {@code metrics.json} (the scores, for pipelines that compare runs) and the classification
 * job's section of {@code run.json} (the model, the training, and per side what was read,
 * rejected and refused) of a classification run.
 */
public final class ClassifyJson {
    private ClassifyJson() {
    }

    public static ObjectNode metrics(ClassifySummary s) {
        ObjectNode root = Json.object();
        ObjectNode test = root.putObject("test");
        Json.put(test, "accuracy", s.accuracy());
        Json.put(test, "macro_f1", s.macroF1());
        Json.put(test, "loss_nats", s.testNats());
        test.put("sequences", s.test().usable());
        Json.put(root, "train_accuracy", s.trainAccuracy());
        ObjectNode baselines = root.putObject("baselines");
        baselines.put("majority_class", s.baselines().majorityLabel());
        Json.put(baselines, "majority_class_accuracy", s.baselines().majorityAccuracy());
        Json.put(baselines, "nearest_centroid_accuracy", s.baselines().centroidAccuracy());
        baselines.put("nearest_centroid_method", "nearest class mean of the time-averaged, scaled features "
                + "(Euclidean), fitted on the training sequences");
        root.put("beats_baselines", s.accuracy() > Math.max(s.baselines().majorityAccuracy(),
                s.baselines().centroidAccuracy()));
        ArrayNode perClass = root.putArray("per_class");
        for (int k = 0; k < s.classes().size(); k++) {
            String label = s.classes().get(k);
            ObjectNode c = perClass.addObject();
            c.put("class", label);
            c.put("test_sequences", s.testCounts().getOrDefault(label, 0L));
            c.put("train_sequences", s.trainCounts().getOrDefault(label, 0L));
            Json.put(c, "precision", s.evaluation().precision(k));
            Json.put(c, "recall", s.evaluation().recall(k));
            Json.put(c, "f1", s.evaluation().f1(k));
        }
        ObjectNode confusion = root.putObject("confusion_matrix");
        confusion.put("rows", "true class");
        confusion.put("columns", "predicted class");
        confusion.putPOJO("classes", s.classes());
        ArrayNode counts = confusion.putArray("counts");
        ConfusionMatrix<Integer> m = s.evaluation().getConfusionMatrix();
        for (int a = 0; a < s.classes().size(); a++) {
            ArrayNode row = counts.addArray();
            for (int p = 0; p < s.classes().size(); p++) {
                row.add(m.getCount(a, p));
            }
        }
        ArrayNode epochs = root.putArray("epochs");
        for (ClassifySummary.EpochPoint e : s.epochs()) {
            ObjectNode o = epochs.addObject();
            o.put("epoch", e.epoch());
            Json.put(o, "train_loss_nats", e.trainLoss());
            Json.put(o, "test_accuracy", e.testAccuracy());
            Json.put(o, "test_loss_nats", e.testNats());
        }
        return root;
    }

    /** The classification job's section of run.json: the model, the training, and what each side held. */
    public static ObjectNode details(ClassifySummary s) {
        ObjectNode root = Json.object();
        ObjectNode model = root.putObject("model");
        model.put("parameters", s.parameters());
        model.putPOJO("classes", s.classes());
        model.putPOJO("feature_columns", s.featureColumns());
        ObjectNode training = root.putObject("training");
        training.put("epochs_completed", s.epochs().size());
        training.put("stopped_by_time_limit", s.stoppedByLimit());
        Json.put(training, "seconds", s.trainingSeconds());
        side(root.putObject("train"), s.train());
        side(root.putObject("test"), s.test());
        return root;
    }

    private static void side(ObjectNode o, ClassifySummary.Side side) {
        ArrayNode files = o.putArray("files");
        side.files().forEach(files::add);
        o.put("bytes", side.bytes());
        o.put("rows", side.rows());
        o.put("rejected_rows", side.rejectedRows());
        ObjectNode kinds = o.putObject("rejected");
        side.rejected().forEach(kinds::put);
        ObjectNode skipped = o.putObject("skipped");
        side.skipped().forEach(skipped::put);
        if (side.rejectedRows() > 0) {
            o.put("rejected_path", side.rejectedPath());
        } else {
            o.putNull("rejected_path");
        }
        o.put("sequences", side.sequences());
        o.put("usable_sequences", side.usable());
        o.put("refused_sequences", side.refused());
        ArrayNode refused = o.putArray("refused_examples");
        side.refusedExamples().forEach(refused::add);
        o.put("truncated_sequences", side.truncated());
        o.put("min_length", side.minLength());
        Json.put(o, "mean_length", side.meanLength());
        o.put("max_length", side.maxLength());
    }
}
