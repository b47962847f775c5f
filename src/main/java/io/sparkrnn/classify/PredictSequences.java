package io.sparkrnn.classify;

import io.sparkrnn.core.stats.Standardizer;

import io.sparkrnn.core.train.ModelBytes;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Classifies a partition's sequences on the executor with a broadcast copy of the network, in
 * minibatches built exactly as for training (same scaling, padding and mask), so a test
 * sequence is read the way training sequences were.
 */
public record PredictSequences(Broadcast<byte[]> model, ClassIndex classes, Standardizer[] scaler, int batchSize)
        implements FlatMapFunction<Iterator<LabelledSequence>, Prediction> {
    @Override
    public Iterator<Prediction> call(Iterator<LabelledSequence> sequences) {
        List<Prediction> out = new ArrayList<>();
        MultiLayerNetwork net = null;
        List<LabelledSequence> batch = new ArrayList<>(batchSize);
        while (sequences.hasNext()) {
            batch.add(sequences.next());
            if (batch.size() == batchSize || !sequences.hasNext()) {
                if (net == null) {
                    net = ModelBytes.fromBytes(model.getValue());
                }
                out.addAll(predict(net, batch, classes, scaler));
                batch.clear();
            }
        }
        return out.iterator();
    }

    /** The network's answers for one minibatch of usable sequences with known labels. */
    public static List<Prediction> predict(MultiLayerNetwork net, List<LabelledSequence> batch, ClassIndex classes,
                                           Standardizer[] scaler) {
        DataSet ds = ToClassBatches.toDataSet(batch, classes, scaler);
        INDArray probabilities = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        List<Prediction> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            float[] p = probabilities.getRow(b).toFloatVector();
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            LabelledSequence s = batch.get(b);
            out.add(new Prediction(s.id(), classes.index(s.label()), best, p, s.length()));
        }
        return out;
    }
}
