package io.sparkrnn.lm;

import io.sparkrnn.core.config.Training;
import io.sparkrnn.nn.Networks;

import io.sparkrnn.nn.RecurrentWeightDrop;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * Builds the recurrent language model a configuration describes: optional embedding, stacked
 * LSTM (the project's fused layer or DL4J's), GRU or Elman (SimpleRnn) layers, and a softmax over the vocabulary trained with sparse
 * cross-entropy (targets are token ids, so no one-hot labels are ever built). All layers use
 * the NCW layout {@code [batch, features, time]}.
 */
public final class ModelFactory {
    private ModelFactory() {
    }

    public static MultiLayerNetwork create(LmConfig.Model model, Training training, int vocabularySize) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(model, training, vocabularySize));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(LmConfig.Model model, Training training,
                                                        int vocabularySize) {
        NeuralNetConfiguration.Builder base = Networks.base(training);
        NeuralNetConfiguration.ListBuilder layers = base.list();
        int nIn = vocabularySize;
        if (!model.oneHotInput()) {
            layers.layer(new EmbeddingSequenceLayer.Builder().nIn(vocabularySize).nOut(model.embeddingSize())
                    .outputDataFormat(RNNFormat.NCW).build());
            nIn = model.embeddingSize();
        }
        for (int i = 0; i < model.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = Networks.recurrentLayer(model.cell(), model.lstmImplementation());
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
}
