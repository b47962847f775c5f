package io.sparkrnn.demo;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;

import io.sparkrnn.lm.ModelFactory;
import io.sparkrnn.lm.TextGenerator;

import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.lm.TokenBatchLoader;
import io.sparkrnn.lm.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lecture's example: vocabulary h, e, l, o; input "hell", targets "ello". Each cell must
 * learn it and then generate "ello" after "h". The two "l" inputs need different outputs
 * ("l" then "o"), which only a network that remembers what came before can produce.
 */
class HelloExampleTest {
    private static final Vocabulary VOCABULARY =
            new Vocabulary(LmConfig.Level.CHAR, List.of("h", "e", "l", "o"), new long[]{1, 1, 2, 1});

    @ParameterizedTest
    @EnumSource(Cell.class)
    void learnsHelloAndGeneratesItFromH(Cell cell) {
        var model = LmConfig.Model.defaults().withCell(cell).withLayers(1).withHiddenSize(16);
        var training = Training.defaults().withLearningRate(0.05).withGradientClip(0, Training.ClipMode.VALUE).withSeed(12345);
        MultiLayerNetwork net = ModelFactory.create(model, training, VOCABULARY.size());
        int[] h = {0}, e = {1}, l = {2}, o = {3};
        float[] input = {h[0], e[0], l[0], l[0]};
        float[] target = {e[0], l[0], l[0], o[0]};
        DataSet hello = new DataSet(
                TokenBatchLoader.oneHot(Nd4j.create(input, new long[]{1, 1, 4}, 'c'), 4),
                Nd4j.create(target, new long[]{1, 1, 4}, 'c'));
        double first = -1;
        for (int i = 0; i < 300; i++) {
            net.fit(hello);
            if (i == 0) {
                first = net.score() / 4;
            }
        }
        double last = net.score() / 4;
        assertEquals(true, last < 0.05,
                cell + ": loss per character went from " + first + " to " + last + ", expected below 0.05");

        String generated = new TextGenerator(net, VOCABULARY, true).generate("h", 4, 0.01, new Random(1));
        assertEquals("ello", generated, cell + " generated '" + generated + "' after 'h'");
    }
}
