package io.sparkrnn.model;

import io.sparkrnn.config.ForecastConfig;
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
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The forecasting network: stacked LSTM or Elman layers read the L input steps, the last
 * layer's final state (many-to-one) feeds a linear layer with one unit per forecast step, so
 * H = 1 is the classic many-to-one forecaster and H > 1 a direct multi-horizon one (every step
 * predicted at once, no feeding back of its own forecasts). Trained with mean squared error
 * on the scaled, transformed targets.
 */
public final class ForecastModelFactory {
    private ForecastModelFactory() {
    }

    public static MultiLayerNetwork create(ForecastConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(ForecastConfig config) {
        ForecastConfig.Model model = config.model();
        NeuralNetConfiguration.ListBuilder layers = ModelFactory.base(config.training()).list();
        int nIn = config.inputChannels();
        for (int i = 0; i < model.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = ModelFactory.recurrentLayer(model.cell());
            layer.nIn(nIn).nOut(model.hiddenSize()).dataFormat(RNNFormat.NCW);
            if (model.dropout() > 0 && i > 0) {
                layer.dropOut(new Dropout(1.0 - model.dropout()));
            }
            layers.layer(i == model.layers() - 1 ? new LastTimeStep(layer.build()) : layer.build());
            nIn = model.hiddenSize();
        }
        OutputLayer.Builder out = new OutputLayer.Builder(new LossMSE()).activation(Activation.IDENTITY)
                .nIn(nIn).nOut(model.horizon());
        if (model.dropout() > 0) {
            out.dropOut(new Dropout(1.0 - model.dropout()));
        }
        layers.layer(out.build());
        layers.setInputType(InputType.recurrent(config.inputChannels(), model.inputLength(), RNNFormat.NCW));
        return layers.build();
    }
}
