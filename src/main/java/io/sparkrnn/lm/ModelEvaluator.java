package io.sparkrnn.lm;

import io.sparkrnn.core.stats.LossTotals;

import io.sparkrnn.core.train.BatchFiles;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.datavec.spark.util.BroadcastHadoopConfigHolder;
import org.datavec.spark.util.SerializableHadoopConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scores a model on exported batch files with Spark: the files are dealt to {@code slices}
 * tasks by index, each task rebuilds the network from a broadcast copy of its configuration
 * and parameters, and only three sums per task come back to the driver.
 */
public final class ModelEvaluator {
    private ModelEvaluator() {
    }

    public static LossTotals evaluate(JavaSparkContext sc, MultiLayerNetwork net, BatchFiles files,
                                      TokenBatchLoader loader, int slices) {
        Broadcast<Snapshot> model = sc.broadcast(new Snapshot(net));
        try {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                ids.add(i);
            }
            return sc.parallelize(ids, slices)
                    .mapPartitions(new EvaluateSlice(files, slices, model, loader, BroadcastHadoopConfigHolder.get(sc)))
                    .reduce(LossTotals::merge);
        } finally {
            model.destroy();
        }
    }

    /** Scores one loaded batch (features ready for the network; labels are token ids). */
    public static LossTotals score(MultiLayerNetwork net, DataSet batch) {
        INDArray out = net.output(batch.getFeatures(), false);
        INDArray predicted = out.argMax(1);
        INDArray labels = batch.getLabels();
        INDArray mask = batch.getLabelsMaskArray();
        LossTotals t = new LossTotals();
        int n = (int) out.size(0);
        int length = (int) out.size(2);
        for (int b = 0; b < n; b++) {
            for (int s = 0; s < length; s++) {
                if (mask != null && mask.getFloat(b, s) == 0f) {
                    continue;
                }
                int y = (int) labels.getFloat(b, 0, s);
                t.nats -= Math.log(Math.max(out.getDouble(b, y, s), 1e-30));
                t.tokens++;
                if (predicted.getInt(b, s) == y) {
                    t.correct++;
                }
            }
        }
        return t;
    }

    /** A network's configuration and parameters, cheap to broadcast. */
    static final class Snapshot implements Serializable {
        private static final long serialVersionUID = 1L;
        private String configuration;
        private float[] parameters;

        Snapshot(MultiLayerNetwork net) {
            this.configuration = net.getLayerWiseConfigurations().toJson();
            this.parameters = net.params().toFloatVector();
        }

        /** For serializers. */
        Snapshot() {
        }

        MultiLayerNetwork network() {
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configuration));
            net.init(Nd4j.create(parameters, new long[]{1, parameters.length}, 'c'), false);
            return net;
        }
    }

    /** Scores the files whose index is congruent to the task's slice id. */
    record EvaluateSlice(BatchFiles files, int slices, Broadcast<Snapshot> model, TokenBatchLoader loader,
                         Broadcast<SerializableHadoopConfig> hadoop) implements FlatMapFunction<Iterator<Integer>, LossTotals> {
        @Override
        public Iterator<LossTotals> call(Iterator<Integer> sliceIds) throws IOException {
            LossTotals total = new LossTotals();
            MultiLayerNetwork net = null;
            while (sliceIds.hasNext()) {
                int slice = sliceIds.next();
                for (long i = slice; i < files.files(); i += slices) {
                    if (net == null) {
                        net = model.getValue().network();
                    }
                    Path path = new Path(files.path(i));
                    FileSystem fs = path.getFileSystem(hadoop.getValue().getConfiguration());
                    DataSet ds = new DataSet();
                    try (InputStream in = fs.open(path)) {
                        ds.load(in);
                    }
                    total = total.merge(score(net, loader.prepare(ds)));
                }
            }
            return List.of(total).iterator();
        }
    }
}
