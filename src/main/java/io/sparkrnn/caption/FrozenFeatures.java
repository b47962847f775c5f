package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.train.ModelBytes;
import io.sparkrnn.nn.Networks;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The frozen epochs of a pretrained encoder without running it in every epoch. While the
 * encoder is frozen its output for an image never changes, so it is computed once per image on
 * the executors, and the graph without the encoder ({@link CaptionNetwork#headless}) trains on
 * those outputs in its place; only the epochs that train the encoder with the decoder run it
 * again. For a large pretrained network (MobileNetV2's depthwise convolutions, a VGG16) this is
 * most of a frozen epoch's time. The output is kept channels first, a vector as channels x 1 x 1,
 * so that the decoder's input is laid out as the full graph's map vertex gives it.
 */
public final class FrozenFeatures {
    /** Images per encoder pass on an executor. */
    static final int BATCH = 32;

    private FrozenFeatures() {
    }

    /** The shape of the encoder's output per image, as the headless graph's input reads it. */
    public record Shape(int channels, int height, int width) implements Serializable {
        /** As a convolutional input type, channels first. */
        public InputType.InputTypeConvolutional type() {
            return (InputType.InputTypeConvolutional) InputType.convolutional(height, width, channels);
        }
    }

    /** The shape of {@code encoder}'s output for the configured images. */
    public static Shape shape(KerasEncoder encoder, CaptionConfig.Data d) {
        InputType out = encoder.outputType(d.imageHeight(), d.imageWidth());
        if (out instanceof InputType.InputTypeConvolutional c) {
            return new Shape((int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth());
        }
        if (out instanceof InputType.InputTypeFeedForward f) {
            return new Shape((int) f.getSize(), 1, 1);
        }
        throw new DataException("model.keras-layer = " + encoder.cutLayer() + " gives " + out + "; expected a "
                + "feature map or a vector");
    }

    /** The pretrained encoder alone, frozen, with its imported parameters: images in, its output out. */
    public static ComputationGraph encoderGraph(CaptionConfig config, KerasEncoder encoder) {
        CaptionConfig.Data d = config.data();
        ComputationGraphConfiguration.GraphBuilder g = Networks.base(config.training()).graphBuilder()
                .addInputs(CaptionNetwork.IMAGE)
                .setInputTypes(InputType.convolutional(d.imageHeight(), d.imageWidth(), d.channels()));
        g.setOutputs(encoder.addTo(g, CaptionNetwork.IMAGE, true));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        encoder.copyParamsInto(graph);
        return graph;
    }

    /**
     * The images with their pixels replaced by the output of the {@code encoder} broadcast (an
     * {@link #encoderGraph}, as {@link ModelBytes}), computed on the executors when the result is
     * read; the broadcast must stay until then.
     */
    public static JavaRDD<CaptionedImage> encode(Broadcast<byte[]> encoder, JavaRDD<CaptionedImage> images,
                                                 CaptionConfig.Data d) {
        return images.mapPartitions(new Encode(encoder, d.channels(), d.imageHeight(), d.imageWidth()));
    }

    /** Runs the broadcast encoder over a partition's images, {@link #BATCH} at a time. */
    public record Encode(Broadcast<byte[]> model, int channels, int height, int width)
            implements FlatMapFunction<Iterator<CaptionedImage>, CaptionedImage> {
        @Override
        public Iterator<CaptionedImage> call(Iterator<CaptionedImage> images) {
            ComputationGraph graph = null;
            List<CaptionedImage> out = new ArrayList<>();
            List<CaptionedImage> batch = new ArrayList<>(BATCH);
            while (images.hasNext()) {
                batch.add(images.next());
                if (batch.size() == BATCH || !images.hasNext()) {
                    if (graph == null) {
                        graph = ModelBytes.graphFromBytes(model.getValue());
                    }
                    out.addAll(encodeBatch(graph, batch, channels, height, width));
                    batch.clear();
                }
            }
            return out.iterator();
        }
    }

    /** One batch of images through the encoder; each keeps its key, group, split and captions. */
    static List<CaptionedImage> encodeBatch(ComputationGraph encoder, List<CaptionedImage> batch, int channels,
                                            int height, int width) {
        int pixels = channels * height * width;
        float[] flat = new float[batch.size() * pixels];
        for (int i = 0; i < batch.size(); i++) {
            float[] p = batch.get(i).pixels();
            if (p.length != pixels) {
                throw new IllegalArgumentException("image " + batch.get(i).key() + " has " + p.length
                        + " values, expected " + pixels);
            }
            System.arraycopy(p, 0, flat, i * pixels, pixels);
        }
        INDArray in = Nd4j.create(flat, new long[] {batch.size(), channels, height, width}, 'c');
        INDArray features = encoder.outputSingle(false, in).reshape('c', batch.size(), -1);
        List<CaptionedImage> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CaptionedImage image = batch.get(i);
            out.add(new CaptionedImage(image.key(), image.group(), image.split(),
                    features.getRow(i).dup().toFloatVector(), image.captions()));
        }
        return out;
    }
}
