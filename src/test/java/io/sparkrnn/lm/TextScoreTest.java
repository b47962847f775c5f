package io.sparkrnn.lm;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;

import io.sparkrnn.core.stats.LossTotals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring a text with context scores every next-token target once, whatever the context. */
class TextScoreTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 7, 30})
    void everyTargetIsScoredOnce(int context) {
        var model = LmConfig.Model.defaults().withCell(Cell.LSTM).withLayers(1).withHiddenSize(8);
        var training = Training.defaults().withLearningRate(0.01).withGradientClip(1.0, Training.ClipMode.VALUE).withSeed(3);
        MultiLayerNetwork net = ModelFactory.create(model, training, 5);
        Random random = new Random(1);
        int[] ids = new int[203];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(5);
        }
        LossTotals t = TextScore.score(net, ids, 10, context, true, 5, 4);
        assertEquals(202, t.tokens, "targets scored with context " + context);
        double perToken = t.nats / t.tokens;
        assertTrue(Math.abs(perToken - Math.log(5)) < 0.1, "an untrained network is near uniform: " + perToken);
    }
}
