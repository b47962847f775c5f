package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Standardizer;

import io.sparkrnn.nn.Cell;
import io.sparkrnn.core.train.ModelBytes;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The many-to-one network answers from each sequence's last real step: padding a sequence in
 * a minibatch with longer ones must not change its class probabilities, for every cell, and
 * the answer survives model.zip.
 */
class ClassifierModelTest {

    @ParameterizedTest
    @EnumSource(Cell.class)
    void paddingDoesNotChangeTheAnswer(Cell cell) {
        ClassifyConfig config = ClassifyConfig.LOADER.load(Path.of("conf/classify-vowels.conf"), "/tmp/unused",
                List.of("model.cell=" + cell.name().toLowerCase(), "model.layers=2", "model.hidden-size=8"));
        MultiLayerNetwork net = ClassifierModelFactory.create(config, 3, 4);
        ClassIndex classes = new ClassIndex(List.of("a", "b", "c", "d"));
        Random random = new Random(7);
        LabelledSequence shortOne = sequence("s", "a", 4, random);
        LabelledSequence longOne = sequence("l", "b", 11, random);
        Standardizer[] scaler = Standardizer.identity(3);

        float[] alone = PredictSequences.predict(net, List.of(shortOne), classes, scaler).get(0).probabilities();
        float[] padded = PredictSequences.predict(net, List.of(longOne, shortOne), classes, scaler).get(1)
                .probabilities();
        MultiLayerNetwork reloaded = ModelBytes.fromBytes(ModelBytes.toBytes(net));
        float[] afterReload = PredictSequences.predict(reloaded, List.of(longOne, shortOne), classes, scaler).get(1)
                .probabilities();
        float sum = 0;
        for (int k = 0; k < alone.length; k++) {
            assertEquals(alone[k], padded[k], 1e-5, cell + ": class " + k + " alone " + alone[k] + " padded "
                    + padded[k]);
            assertEquals(padded[k], afterReload[k], 1e-6, cell + ": class " + k + " after model.zip");
            sum += alone[k];
        }
        assertEquals(1f, sum, 1e-5, "softmax probabilities sum to " + sum);
    }

    private static LabelledSequence sequence(String id, String label, int length, Random random) {
        float[][] steps = new float[length][3];
        for (float[] step : steps) {
            for (int c = 0; c < step.length; c++) {
                step[c] = (float) random.nextGaussian();
            }
        }
        return new LabelledSequence(id, label, steps, length, null);
    }
}
