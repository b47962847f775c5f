package io.sparkrnn.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;

/**
 * How long Spark's Kryo takes to write and read back one worker's training state (parameters
 * and Adam's two moments), with ND4J's registrator alone and with the project's after it. An
 * averaging round does this twice per worker (the broadcast out, the result back), so the
 * difference is time every round spends on neither worker's minibatches.
 */
public final class SerializerRate {
    private static final ClassTag<INDArray> ARRAY = ClassTag$.MODULE$.apply(INDArray.class);

    private SerializerRate() {
    }

    /** Seconds per write-and-read of a float array of {@code floats} elements, for each registrator setting. */
    public record Rate(long bytes, double nd4jSeconds, double projectSeconds) {
        public double speedup() {
            return nd4jSeconds / projectSeconds;
        }
    }

    /**
     * @param jobs the Spark configuration the jobs run with (its Kryo registrators are measured as
     *             "the project's"); ND4J's registrator alone is the comparison
     */
    public static Rate measure(SparkConf jobs, long floats, double seconds) {
        INDArray state = Nd4j.rand(DataType.FLOAT, 1, floats);
        double nd4j = roundTrip(new SparkConf(false).set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator"),
                state, seconds);
        double project = roundTrip(jobs, state, seconds);
        return new Rate(floats * 4, nd4j, project);
    }

    /** Mean seconds of the round trips after a warm-up one, at least 3 of them and {@code seconds} in all. */
    static double roundTrip(SparkConf conf, INDArray state, double seconds) {
        SerializerInstance kryo = new KryoSerializer(conf).newInstance();
        check(state, once(kryo, state));
        int n = 0;
        long start = System.nanoTime();
        double elapsed;
        do {
            once(kryo, state);
            n++;
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (n < 3 || elapsed < seconds);
        return elapsed / n;
    }

    private static INDArray once(SerializerInstance kryo, INDArray state) {
        ByteBuffer bytes = kryo.serialize(state, ARRAY);
        return kryo.deserialize(bytes, ARRAY);
    }

    private static void check(INDArray sent, INDArray received) {
        if (!sent.equals(received)) {
            throw new IllegalStateException("Kryo changed the array on its way through: the benchmark of the "
                    + "serializers would measure a broken path");
        }
    }
}
