package io.sparkrnn.classify;

import io.sparkrnn.nn.Networks;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The many-to-one classifier of the lecture: stacked recurrent layers read the whole sequence,
 * the last layer's state at the sequence's last real step (DL4J's {@link LastTimeStep} follows
 * the features mask, so padding is never read) feeds a softmax over the classes, trained with
 * cross-entropy.
 */
public final class ClassifierModelFactory {
    private ClassifierModelFactory() {
    }

    public static MultiLayerNetwork create(ClassifyConfig config, int features, int classes) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config, features, classes));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(ClassifyConfig config, int features, int classes) {
        ClassifyConfig.Model model = config.model();
        NeuralNetConfiguration.ListBuilder layers = Networks.base(config.training()).list();
        int nIn = features;
        for (int i = 0; i < model.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = Networks.recurrentLayer(model.cell());
            layer.nIn(nIn).nOut(model.hiddenSize()).dataFormat(RNNFormat.NCW);
            if (model.dropout() > 0 && i > 0) {
                layer.dropOut(new Dropout(1.0 - model.dropout()));
            }
            layers.layer(i == model.layers() - 1 ? new LastTimeStep(layer.build()) : layer.build());
            nIn = model.hiddenSize();
        }
        OutputLayer.Builder out = new OutputLayer.Builder(new LossMCXENT()).activation(Activation.SOFTMAX)
                .nIn(nIn).nOut(classes);
        if (model.dropout() > 0) {
            out.dropOut(new Dropout(1.0 - model.dropout()));
        }
        layers.layer(out.build());
        layers.setInputType(InputType.recurrent(features, RNNFormat.NCW));
        return layers.build();
    }
}
