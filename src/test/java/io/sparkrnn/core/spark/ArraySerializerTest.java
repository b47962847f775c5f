package io.sparkrnn.core.spark;

import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ND4J arrays through the jobs' Kryo configuration: exact round trips, views and fallbacks. */
class ArraySerializerTest {
    private final KryoSerializer kryo = new KryoSerializer(SparkSetup.conf("t"));
    private final SerializerInstance serializer = kryo.newInstance();

    private INDArray roundTrip(INDArray a) {
        ByteBuffer bytes = serializer.serialize(a, ClassTag$.MODULE$.apply(INDArray.class));
        return serializer.deserialize(bytes, ClassTag$.MODULE$.apply(INDArray.class));
    }

    private void assertSame(INDArray expected, INDArray actual) {
        assertEquals(expected.dataType(), actual.dataType());
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        if (expected.dataType().isIntType()) {
            assertArrayEquals(expected.dup('c').data().asLong(), actual.dup('c').data().asLong());
        } else {
            assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble());
        }
    }

    @Test
    void theJobsKryoUsesTheBulkSerializerForArrays() {
        var registration = kryo.newKryo().getRegistration(Nd4j.getBackend().getNDArrayClass());
        assertInstanceOf(ArraySerializer.class, registration.getSerializer());
    }

    @Test
    void numericArraysComeBackExactlyWhateverTheirLayout() {
        INDArray c = Nd4j.rand(DataType.FLOAT, 37, 300);
        assertSame(c, roundTrip(c));
        INDArray f = Nd4j.rand(DataType.DOUBLE, new long[]{5, 7, 3}).dup('f');
        assertSame(f, roundTrip(f));
        INDArray column = c.get(NDArrayIndex.all(), NDArrayIndex.point(11));
        assertTrue(column.isView());
        assertSame(column, roundTrip(column));
        INDArray block = c.get(NDArrayIndex.interval(3, 9), NDArrayIndex.interval(100, 250));
        assertSame(block, roundTrip(block));
        INDArray rows = c.get(NDArrayIndex.interval(20, 30), NDArrayIndex.all());
        assertSame(rows, roundTrip(rows));
        assertSame(Nd4j.arange(0, 1000).castTo(DataType.INT32), roundTrip(Nd4j.arange(0, 1000).castTo(DataType.INT32)));
        INDArray longs = Nd4j.createFromArray(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE);
        assertSame(longs, roundTrip(longs));
        INDArray scalar = Nd4j.scalar(DataType.FLOAT, 2.5f);
        assertSame(scalar, roundTrip(scalar));
        INDArray special = Nd4j.createFromArray(Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE);
        INDArray back = roundTrip(special);
        for (int i = 0; i < 4; i++) {
            assertEquals(Float.floatToRawIntBits(special.getFloat(i)), Float.floatToRawIntBits(back.getFloat(i)),
                    "bits of element " + i);
        }
    }

    @Test
    void otherArraysGoThroughNd4jsOwnFormat() {
        INDArray bools = Nd4j.createFromArray(true, false, true);
        assertFalse(ArraySerializer.raw(bools));
        assertSame(bools, roundTrip(bools));
        INDArray halves = Nd4j.rand(DataType.FLOAT, 4, 4).castTo(DataType.FLOAT16);
        assertSame(halves, roundTrip(halves));
    }

    @Test
    void emptyArraysSurviveTooWhichNd4jsOwnFormatCannotWrite() {
        assertTrue(roundTrip(Nd4j.empty(DataType.FLOAT)).isEmpty());
        INDArray noRows = Nd4j.create(DataType.DOUBLE, 0, 4);
        INDArray back = roundTrip(noRows);
        assertTrue(back.isEmpty());
        assertEquals("[0, 4]", java.util.Arrays.toString(back.shape()));
    }

    @Test
    void theBroadcastOfAnAveragingRoundKeepsParametersAndUpdaterState() {
        var conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(2).build()).build();
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, 8);
        INDArray updater = Nd4j.rand(DataType.FLOAT, 1, 16);
        NetBroadcastTuple tuple = new NetBroadcastTuple(conf, params, updater);
        ByteBuffer bytes = serializer.serialize(tuple, ClassTag$.MODULE$.apply(NetBroadcastTuple.class));
        NetBroadcastTuple back = serializer.deserialize(bytes, ClassTag$.MODULE$.apply(NetBroadcastTuple.class));
        assertSame(params, back.getParameters());
        assertSame(updater, back.getUpdaterState());
        assertEquals(conf, back.getConfiguration());
    }
}
