package io.sparkrnn.nn;

import io.sparkrnn.core.config.Training;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * What every network of the project is built from, whatever the task: the recurrent layer of a
 * cell (the project's own layers, see the package documentation) and the settings all networks
 * share (seed, updater with its per-epoch learning-rate schedule, initialisation, L2, clipping).
 * A task adds its input and output layers around them.
 */
public final class Networks {
    private Networks() {
    }

    /** A recurrent layer of the given cell (LSTM: the fused layer), before its sizes are set. */
    public static BaseRecurrentLayer.Builder<?> recurrentLayer(Cell cell) {
        return recurrentLayer(cell, LstmImplementation.FUSED);
    }

    /** A recurrent layer of the given cell and LSTM implementation, before its sizes are set. */
    public static BaseRecurrentLayer.Builder<?> recurrentLayer(Cell cell, LstmImplementation lstm) {
        return switch (cell) {
            case LSTM -> lstm == LstmImplementation.FUSED
                    ? new FusedLstm.Builder().activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                    : new LSTM.Builder().activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID);
            case RNN -> new FusedSimpleRnn.Builder().activation(Activation.TANH);
            case GRU -> new Gru.Builder();
        };
    }

    /**
     * What every network of the project shares: seed, updater with its per-epoch learning-rate
     * schedule, Xavier initialisation, L2 and gradient clipping as configured.
     */
    public static NeuralNetConfiguration.Builder base(Training training) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(training.seed())
                .updater(updater(training))
                .weightInit(WeightInit.XAVIER);
        if (training.l2() > 0) {
            base.l2(training.l2());
        }
        if (training.gradientClip() > 0) {
            base.gradientNormalization(training.gradientClipMode() == Training.ClipMode.VALUE
                            ? GradientNormalization.ClipElementWiseAbsoluteValue
                            : GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(training.gradientClip());
        }
        return base;
    }

    public static IUpdater updater(Training t) {
        ISchedule lr = new ExponentialSchedule(ScheduleType.EPOCH, t.learningRate(), t.learningRateDecay());
        return switch (t.updater()) {
            case ADAM -> new Adam(lr);
            case RMSPROP -> new RmsProp(lr);
            case SGD -> new Sgd(lr);
            case NESTEROVS -> new Nesterovs(lr, 0.9);
        };
    }
}
