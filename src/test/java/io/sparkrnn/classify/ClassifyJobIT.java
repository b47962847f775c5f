package io.sparkrnn.classify;

import io.sparkrnn.forecast.ForecastJobITSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classification job end to end on local[2], on the Japanese vowels sample. */
class ClassifyJobIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClassifyConfig config(Path out, String... sets) {
        return ClassifyConfig.LOADER.load(Path.of("conf/classify-vowels.conf"), out.toString(), Arrays.asList(sets));
    }

    @Test
    void learnsTheSpeakersAndWritesEveryOutput(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("vowels");
        ClassifySummary s = ClassifyJob.run(config(out), SharedSpark.context());

        assertEquals(270, s.train().usable(), "training utterances");
        assertEquals(370, s.test().usable(), "test utterances");
        assertEquals(9, s.classes().size());
        assertEquals(7, s.train().minLength());
        assertEquals(29, Math.max(s.train().maxLength(), s.test().maxLength()));
        // Measured 0.962 with this configuration (docs/classification.md; 0.959-0.976 over five seeds);
        // the nearest-centroid baseline scores 0.9243.
        assertTrue(s.accuracy() >= 0.93, "test accuracy " + s.accuracy());
        assertTrue(s.accuracy() > s.baselines().centroidAccuracy(), "accuracy " + s.accuracy()
                + " vs nearest centroid " + s.baselines().centroidAccuracy());
        assertTrue(s.baselines().majorityAccuracy() < 0.25, "majority " + s.baselines().majorityAccuracy());

        for (String f : List.of("_SUCCESS", "model.zip", "classifier.json", "config.conf", "metrics.json", "run.json",
                "report.html")) {
            assertTrue(Files.exists(out.resolve(f)), f + " written");
        }
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        long total = 0;
        for (JsonNode row : metrics.get("confusion_matrix").get("counts")) {
            for (JsonNode n : row) {
                total += n.asLong();
            }
        }
        assertEquals(370, total, "the confusion matrix counts every test sequence once");
        assertEquals(9, metrics.get("per_class").size());
        assertEquals(s.accuracy(), metrics.get("test").get("accuracy").asDouble(), 1e-12);
        List<String> predictions = Files.readAllLines(ForecastJobITSupport.csvPart(out.resolve("predictions-csv")));
        assertEquals(371, predictions.size(), "header and one line per test sequence");
        assertEquals("id,label,predicted,correct,p_predicted,p_label,length", predictions.get(0));
        long correct = predictions.stream().skip(1).filter(l -> l.contains(",true,")).count();
        assertEquals(Math.round(s.accuracy() * 370), correct, "correct predictions in the CSV");
        JsonNode classifier = JSON.readTree(out.resolve("classifier.json").toFile());
        assertEquals(12, classifier.get("feature_columns").size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("Confusion matrix"));
    }

    @Test
    void badRowsAndSequencesAreCountedAndKept(@TempDir Path tmp) throws Exception {
        List<String> train = new ArrayList<>(Files.readAllLines(Path.of("data-samples/japanese-vowels-train.csv")));
        train.set(5, train.get(5).replaceFirst(",1,", ",2,"));           // train-001 gets a second label
        train.set(40, train.get(40).replaceAll(",[^,]*$", ",abc"));      // a non-number in c12
        train.add("train-999,1,1,0.5");                                  // a short, malformed line
        Path trainFile = tmp.resolve("train.csv");
        Files.write(trainFile, train);
        List<String> test = new ArrayList<>(Files.readAllLines(Path.of("data-samples/japanese-vowels-test.csv")));
        String first = test.get(1).split(",")[0];
        test.replaceAll(l -> l.startsWith(first + ",") ? l.replaceFirst(",1,", ",10,") : l);  // an unknown class
        Path testFile = tmp.resolve("test.csv");
        Files.write(testFile, test);
        Path out = tmp.resolve("bad");

        ClassifySummary s = ClassifyJob.run(config(out, "data.train=" + trainFile, "data.test=" + testFile,
                "training.epochs=2", "eval.every-epochs=0"), SharedSpark.context());
        assertEquals(2, s.train().rejectedRows(), "the non-number and the malformed line");
        assertEquals(271, s.train().sequences(), "270 utterances and the malformed line's own id");
        assertEquals(3, s.train().refused(), "two labels, a rejected row, the malformed line: "
                + s.train().refusedExamples());
        assertEquals(369, s.test().usable());
        assertTrue(s.test().refusedExamples().get(0).contains("the label '10' is not among the training classes"),
                s.test().refusedExamples().toString());
        String rejected = Files.readString(ForecastJobITSupport.csvPart(out.resolve("rejected-train")));
        assertTrue(rejected.contains("column 'c12': 'abc' is not a finite number"), rejected);
        assertTrue(rejected.contains("malformed row,the row has 4 cells where the header has 15"), rejected);
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        DataException e = assertThrows(DataException.class, () -> ClassifyJob.run(config(tmp.resolve("x"),
                "data.label-column=vowel"), SharedSpark.context()));
        assertTrue(e.getMessage().contains("names [vowel], which it does not have"), e.getMessage());
    }
}
