package io.sparkrnn.core.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;

/**
 * What the training loop needs of DL4J's two Spark wrappers, so that one loop trains a
 * {@link MultiLayerNetwork} (stacked layers) and a {@link ComputationGraph} (the
 * encoder-decoder) alike: fit a set of minibatch files, the score, the network, and the epoch
 * count its learning-rate schedule reads.
 */
interface Replica {
    void fitPaths(JavaRDD<String> paths);

    double score();

    Model network();

    void epochCount(int epochs);

    SparkTrainingStats trainingStats();

    static Replica of(JavaSparkContext sc, MultiLayerNetwork net, TrainingMaster<?, ?> master,
                      DataSetLoader loader) {
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);
        return new Replica() {
            @Override
            public void fitPaths(JavaRDD<String> paths) {
                spark.fitPaths(paths, loader);
            }

            @Override
            public double score() {
                return spark.getScore();
            }

            @Override
            public Model network() {
                return spark.getNetwork();
            }

            @Override
            public void epochCount(int epochs) {
                spark.getNetwork().getLayerWiseConfigurations().setEpochCount(epochs);
            }

            @Override
            public SparkTrainingStats trainingStats() {
                return spark.getSparkTrainingStats();
            }
        };
    }

    static Replica of(JavaSparkContext sc, ComputationGraph graph, TrainingMaster<?, ?> master,
                      MultiDataSetLoader loader) {
        SparkComputationGraph spark = new SparkComputationGraph(sc, graph, master);
        return new Replica() {
            @Override
            public void fitPaths(JavaRDD<String> paths) {
                spark.fitPaths(paths, loader);
            }

            @Override
            public double score() {
                return spark.getScore();
            }

            @Override
            public Model network() {
                return spark.getNetwork();
            }

            @Override
            public void epochCount(int epochs) {
                spark.getNetwork().getConfiguration().setEpochCount(epochs);
            }

            @Override
            public SparkTrainingStats trainingStats() {
                return spark.getSparkTrainingStats();
            }
        };
    }
}
