package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordDropoutVertexTest {
    @Test
    void stepsAreDroppedWholeAtTheRateUnscaledAndTheGradientFollowsTheSameMask() {
        Nd4j.getRandom().setSeed(12);
        INDArray input = Nd4j.rand(DataType.FLOAT, 40, 5, 50).addi(0.5);
        GraphVertex step = new WordDropoutVertex(0.3).instantiate(null, "words", 0, null, false, DataType.FLOAT);
        step.setInputs(input);
        INDArray output = step.doForward(true, LayerWorkspaceMgr.noWorkspaces());
        step.setEpsilon(Nd4j.ones(DataType.FLOAT, 40, 5, 50));
        INDArray gradient = step.doBackward(false, LayerWorkspaceMgr.noWorkspaces()).getSecond()[0];
        int dropped = 0;
        for (int b = 0; b < 40; b++) {
            for (int t = 0; t < 50; t++) {
                INDArray out = output.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                INDArray in = input.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                INDArray grad = gradient.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                if (out.amaxNumber().doubleValue() == 0) {
                    dropped++;
                    assertEquals(0, grad.amaxNumber().doubleValue(), "no gradient reaches a dropped step");
                } else {
                    assertEquals(0, out.sub(in).amaxNumber().doubleValue(), 0,
                            "a kept step is the input, not rescaled (example " + b + ", step " + t + ")");
                    assertEquals(5, grad.sumNumber().doubleValue(), 0, "a kept step passes the gradient");
                }
            }
        }
        double rate = dropped / 2000.0;
        assertTrue(Math.abs(rate - 0.3) < 0.04, "dropped " + dropped + " of 2000 steps: " + rate + ", expected 0.3");
        step.setInputs(input);
        INDArray testing = step.doForward(false, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(0, testing.sub(input).amaxNumber().doubleValue(), 0, "nothing is dropped outside training");
    }

    /**
     * Sequences of different lengths carry a mask, which DL4J's DropoutLayer cannot apply to a
     * sequence (it failed on the first merged minibatch of a Spark run): the vertex passes it on.
     */
    @Test
    void aGraphWithMaskedSequencesOfDifferentLengthsTrainsThroughIt() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(0.05))
                .graphBuilder().addInputs("tokens").setInputTypes(InputType.recurrent(6))
                .addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(6).nOut(4).build(), "tokens")
                .addVertex("words", new WordDropoutVertex(0.3), "embed")
                .addLayer("rnn", new LSTM.Builder().nOut(8).build(), "words")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(6).build(), "rnn")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(conf.toJson()));
        graph.init();
        assertEquals(new WordDropoutVertex(0.3), graph.getConfiguration().getVertices().get("words"),
                "the vertex survives the configuration's JSON");
        INDArray tokens = Nd4j.create(new float[] {1, 2, 3, 4, 1, 5, 0, 0}, new long[] {2, 1, 4}, 'c');
        INDArray mask = Nd4j.create(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, new long[] {2, 4}, 'c');
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, 6, 4);
        int[][] next = {{2, 3, 4, 0}, {5, 0, 0, 0}};
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                labels.putScalar(new long[] {b, next[b][t], t}, 1);
            }
        }
        MultiDataSet batch = new MultiDataSet(new INDArray[] {tokens}, new INDArray[] {labels},
                new INDArray[] {mask}, new INDArray[] {mask});
        double before = graph.score(batch);
        for (int i = 0; i < 60; i++) {
            graph.fit(batch);
        }
        double after = graph.score(batch);
        assertTrue(after < 0.8 * before, "loss before " + before + ", after 60 masked minibatches " + after);
    }

    @Test
    void itNeedsASequenceAndARateBelowOne() {
        GraphVertex step = new WordDropoutVertex(0.5).instantiate(null, "words", 0, null, false, DataType.FLOAT);
        step.setInputs(Nd4j.ones(DataType.FLOAT, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> step.doForward(true, LayerWorkspaceMgr.noWorkspaces()));
        assertThrows(IllegalArgumentException.class, () -> new WordDropoutVertex(1.0));
        assertThrows(IllegalArgumentException.class, () -> new WordDropoutVertex(-0.1));
        assertEquals(new WordDropoutVertex(0.5), new WordDropoutVertex(0.5).clone(), "a clone drops at the same rate");
    }
}
