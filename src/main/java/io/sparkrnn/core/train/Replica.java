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

import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What the training loop needs of DL4J's two Spark wrappers, so that one loop trains a
 * {@link MultiLayerNetwork} (stacked layers) and a {@link ComputationGraph} (the
 * encoder-decoder) alike: fit a set of minibatch files, the score, the network, the epoch
 * count its learning-rate schedule reads, and DL4J's timing statistics.
 */
record Replica(Consumer<JavaRDD<String>> fitPaths, DoubleSupplier score, Supplier<Model> network,
               IntConsumer epochCount, Supplier<SparkTrainingStats> trainingStats) {

    static Replica of(JavaSparkContext sc, MultiLayerNetwork net, TrainingMaster<?, ?> master,
                      DataSetLoader loader) {
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);
        return new Replica(paths -> spark.fitPaths(paths, loader), spark::getScore, spark::getNetwork,
                e -> spark.getNetwork().getLayerWiseConfigurations().setEpochCount(e), spark::getSparkTrainingStats);
    }

    static Replica of(JavaSparkContext sc, ComputationGraph graph, TrainingMaster<?, ?> master,
                      MultiDataSetLoader loader) {
        SparkComputationGraph spark = new SparkComputationGraph(sc, graph, master);
        return new Replica(paths -> spark.fitPaths(paths, loader), spark::getScore, spark::getNetwork,
                e -> spark.getNetwork().getConfiguration().setEpochCount(e), spark::getSparkTrainingStats);
    }
}
