package io.sparkrnn.core.train;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Cell;

import io.sparkrnn.lm.LmConfig;
import io.sparkrnn.lm.ModelFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check after every averaging round that stops a run whose loss or weights blew up. */
class DivergenceGuardTest {
    private static MultiLayerNetwork net() {
        var model = LmConfig.Model.defaults().withCell(Cell.LSTM).withLayers(1).withHiddenSize(8);
        var training = Training.defaults().withLearningRate(0.01).withGradientClip(0, Training.ClipMode.VALUE).withSeed(1);
        return ModelFactory.create(model, training, 5);
    }

    private static RoundStats round(double loss) {
        return new RoundStats(3, 17, 40, 1000, 1.0, loss, 100);
    }

    @Test
    void finiteLossAndWeightsPass() {
        assertDoesNotThrow(() -> DivergenceGuard.check(net(), round(1.7)));
    }

    @Test
    void aNaNOrInfiniteLossStopsTrainingWithWhereAndWhatToDo() {
        for (double loss : new double[]{Double.NaN, Double.POSITIVE_INFINITY}) {
            TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> DivergenceGuard.check(net(), round(loss)));
            assertTrue(e.getMessage().contains("epoch 3, averaging round 17: the loss is " + loss), e.getMessage());
            assertTrue(e.getMessage().contains("Lower training.learning-rate"), e.getMessage());
        }
    }

    @Test
    void aNaNWeightStopsTrainingEvenWhenTheLossLooksFine() {
        MultiLayerNetwork net = net();
        net.params().putScalar(3, Double.NaN);
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> DivergenceGuard.check(net, round(1.2)));
        assertTrue(e.getMessage().contains("the parameters hold NaN or infinite values"), e.getMessage());
    }
}
