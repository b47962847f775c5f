package io.sparkrnn.forecast;

import io.sparkrnn.nn.EncoderDecoder;
import io.sparkrnn.nn.Networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The forecasting networks. Direct: stacked LSTM, GRU or Elman layers read the L input steps,
 * the last layer's final state (many-to-one) feeds a linear layer with one unit per forecast
 * step, so H = 1 is the classic many-to-one forecaster and H > 1 a direct multi-horizon one.
 * Seq2seq (the lecture's encoder-decoder, many-to-many with different input and output
 * lengths): the same stack encodes the L steps, its final output is copied to each of the H
 * decoder steps beside that step's one-hot position, a decoder stack of the same cell and size
 * runs over them, and a linear unit per step reads the decoder. Both are trained with mean
 * squared error on the scaled, transformed targets.
 */
public final class ForecastModelFactory {
    /** Names of the seq2seq graph's inputs and output. */
    public static final String HISTORY = "history";
    public static final String STEPS = "steps";
    public static final String OUTPUT = "forecast";

    private ForecastModelFactory() {
    }

    /** A new network of the configured strategy. */
    public static ForecastNetwork create(ForecastConfig config) {
        return config.model().strategy() == ForecastConfig.Strategy.SEQ2SEQ ? ForecastNetwork.of(seq2seq(config),
                config.model().horizon()) : ForecastNetwork.of(direct(config));
    }

    public static MultiLayerNetwork direct(ForecastConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config));
        net.init();
        return net;
    }

    public static ComputationGraph seq2seq(ForecastConfig config) {
        ComputationGraph graph = new ComputationGraph(graphConfiguration(config));
        graph.init();
        return graph;
    }

    public static MultiLayerConfiguration configuration(ForecastConfig config) {
        ForecastConfig.Model model = config.model();
        NeuralNetConfiguration.ListBuilder layers = Networks.base(config.training()).list();
        int nIn = config.inputChannels();
        for (int i = 0; i < model.layers(); i++) {
            BaseRecurrentLayer.Builder<?> layer = recurrent(model, nIn, i);
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

    public static ComputationGraphConfiguration graphConfiguration(ForecastConfig config) {
        ForecastConfig.Model model = config.model();
        int horizon = model.horizon();
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(config.training()).graphBuilder()
                .addInputs(HISTORY, STEPS);
        EncoderDecoder.Stack stack = new EncoderDecoder.Stack(model.cell(), model.layers(), model.hiddenSize(),
                model.dropout());
        String encoded = EncoderDecoder.stack(g, "encoder", stack, config.inputChannels(), HISTORY);
        String context = EncoderDecoder.context(g, "context", encoded, HISTORY);
        String decoded = EncoderDecoder.decoder(g, "decoder", stack, context, model.hiddenSize(), STEPS, horizon,
                STEPS);
        String[] inputs = {decoded};
        int nIn = model.hiddenSize();
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(new LossMSE()).activation(Activation.IDENTITY)
                .nIn(nIn).nOut(1).dataFormat(RNNFormat.NCW);
        if (model.dropout() > 0) {
            out.dropOut(new Dropout(1.0 - model.dropout()));
        }
        g.addLayer(OUTPUT, out.build(), inputs);
        g.setOutputs(OUTPUT);
        g.setInputTypes(InputType.recurrent(config.inputChannels(), model.inputLength(), RNNFormat.NCW),
                InputType.recurrent(horizon, horizon, RNNFormat.NCW));
        return g.build();
    }

    private static BaseRecurrentLayer.Builder<?> recurrent(ForecastConfig.Model model, int nIn, int index) {
        BaseRecurrentLayer.Builder<?> layer = Networks.recurrentLayer(model.cell());
        layer.nIn(nIn).nOut(model.hiddenSize()).dataFormat(RNNFormat.NCW);
        if (model.dropout() > 0 && index > 0) {
            layer.dropOut(new Dropout(1.0 - model.dropout()));
        }
        return layer;
    }
}
