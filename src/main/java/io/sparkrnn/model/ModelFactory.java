package io.sparkrnn.model;

import io.sparkrnn.config.LmConfig;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Builds the recurrent language model a configuration describes: optional embedding, stacked
 * LSTM (the project's fused layer or DL4J's), GRU or Elman (SimpleRnn) layers, and a softmax over the vocabulary trained with sparse
 * cross-entropy (targets are token ids, so no one-hot labels are ever built). All layers use
 * the NCW layout {@code [batch, features, time]}.
 */
public final class ModelFactory {
    private ModelFactory() {
    }

    public static MultiLayerNetwork create(LmConfig.Model model, LmConfig.Training training, int vocabularySize) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(model, training, vocabularySize));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(LmConfig.Model model, LmConfig.Training training,
                                                        int vocabularySize) {
        NeuralNetConfiguration.Builder base = base(training);
        NeuralNetConfiguration.ListBuilder layers = base.list();
        int nIn = vocabularySize;
        if (!model.oneHotInput()) {
            layers.layer(new EmbeddingSequenceLayer.Builder().nIn(vocabularySize).nOut(model.embeddingSize())
                    .outputDataFormat(RNNFormat.NCW).build());
            nIn = model.embeddingSize();
        }
        for (int i = 0; i < model.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = recurrentLayer(model.cell(), model.lstmImplementation());
            layer.nIn(nIn).nOut(model.hiddenSize()).dataFormat(RNNFormat.NCW);
            if (model.dropout() > 0 && (i > 0 || !model.oneHotInput())) {
                layer.dropOut(new Dropout(1.0 - model.dropout()));
            }
            if (model.recurrentDropout() > 0) {
                layer.weightNoise(new RecurrentWeightDrop(model.recurrentDropout()));
            }
            layers.layer(layer.build());
            nIn = model.hiddenSize();
        }
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(new LossSparseMCXENT())
                .activation(Activation.SOFTMAX).nIn(nIn).nOut(vocabularySize).dataFormat(RNNFormat.NCW);
        if (model.dropout() > 0) {
            out.dropOut(new Dropout(1.0 - model.dropout()));
        }
        layers.layer(out.build());
        if (model.tbpttLength() > 0) {
            layers.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(model.tbpttLength())
                    .tBPTTBackwardLength(model.tbpttLength());
        }
        return layers.build();
    }

    /** A recurrent layer of the given cell (LSTM: the fused layer), before its sizes are set. */
    public static BaseRecurrentLayer.Builder<?> recurrentLayer(LmConfig.Cell cell) {
        return recurrentLayer(cell, LmConfig.LstmImplementation.FUSED);
    }

    /** A recurrent layer of the given cell and LSTM implementation, before its sizes are set. */
    public static BaseRecurrentLayer.Builder<?> recurrentLayer(LmConfig.Cell cell, LmConfig.LstmImplementation lstm) {
        return switch (cell) {
            case LSTM -> lstm == LmConfig.LstmImplementation.FUSED
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
    public static NeuralNetConfiguration.Builder base(LmConfig.Training training) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(training.seed())
                .updater(updater(training))
                .weightInit(WeightInit.XAVIER);
        if (training.l2() > 0) {
            base.l2(training.l2());
        }
        if (training.gradientClip() > 0) {
            base.gradientNormalization(training.gradientClipMode() == LmConfig.ClipMode.VALUE
                            ? GradientNormalization.ClipElementWiseAbsoluteValue
                            : GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(training.gradientClip());
        }
        return base;
    }

    static IUpdater updater(LmConfig.Training t) {
        ISchedule lr = new ExponentialSchedule(ScheduleType.EPOCH, t.learningRate(), t.learningRateDecay());
        return switch (t.updater()) {
            case ADAM -> new Adam(lr);
            case RMSPROP -> new RmsProp(lr);
            case SGD -> new Sgd(lr);
            case NESTEROVS -> new Nesterovs(lr, 0.9);
        };
    }
}
