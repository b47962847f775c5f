package io.sparkrnn.core.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Moves ND4J arrays through Kryo as one block of raw bytes. Every averaging round ships the
 * parameters and the updater state to each worker and back (91 MB a round for two workers of
 * a 1.9-million-parameter LSTM with Adam); ND4J's own Kryo serializer writes and reads them one
 * element at a time through a {@code DataOutputStream}, which a profile of a training round
 * showed taking about a tenth of the round. Arrays this class does not handle (other data
 * types, compressed arrays, big-endian machines) go through ND4J's serializer,
 * marked so that the reader knows which format follows.
 */
public final class ArraySerializer extends Serializer<INDArray> {
    private static final byte ND4J_FORMAT = 0;
    private static final byte RAW_FORMAT = 1;
    private static final int CHUNK = 1 << 16;
    private static final Set<DataType> RAW_TYPES = Set.of(DataType.FLOAT, DataType.DOUBLE, DataType.INT32,
            DataType.INT64);

    private final Nd4jSerializer fallback = new Nd4jSerializer();

    @Override
    public void write(Kryo kryo, Output output, INDArray array) {
        if (!raw(array)) {
            output.writeByte(ND4J_FORMAT);
            fallback.write(kryo, output, array);
            return;
        }
        output.writeByte(RAW_FORMAT);
        output.writeString(array.dataType().name());
        long[] shape = array.shape();
        output.writeInt(shape.length, true);
        for (long s : shape) {
            output.writeLong(s, true);
        }
        output.writeBoolean(array.isEmpty());
        if (array.isEmpty()) {
            return;
        }
        INDArray c = contiguous(array);
        ByteBuffer bytes = c.data().asNio().duplicate().order(ByteOrder.nativeOrder());
        long offset = c.offset() * c.dataType().width();
        long length = c.length() * c.dataType().width();
        bytes.position(Math.toIntExact(offset));
        bytes.limit(Math.toIntExact(offset + length));
        byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
        while (bytes.hasRemaining()) {
            int n = Math.min(chunk.length, bytes.remaining());
            bytes.get(chunk, 0, n);
            output.writeBytes(chunk, 0, n);
        }
    }

    @Override
    public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
        byte format = input.readByte();
        if (format == ND4J_FORMAT) {
            return fallback.read(kryo, input, type);
        }
        if (format != RAW_FORMAT) {
            throw new IllegalStateException("unknown ND4J array format " + format + " in a Kryo stream: the "
                    + "writer ran a different version of spark-rnn");
        }
        DataType dataType = DataType.valueOf(input.readString());
        long[] shape = new long[input.readInt(true)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = input.readLong(true);
        }
        if (input.readBoolean()) {
            return shape.length == 0 ? Nd4j.empty(dataType) : Nd4j.create(dataType, shape);
        }
        INDArray array = Nd4j.createUninitialized(dataType, shape, 'c');
        ByteBuffer bytes = array.data().asNio().duplicate().order(ByteOrder.nativeOrder());
        long length = array.length() * dataType.width();
        bytes.position(0);
        bytes.limit(Math.toIntExact(length));
        byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
        while (bytes.hasRemaining()) {
            int n = Math.min(chunk.length, bytes.remaining());
            input.readBytes(chunk, 0, n);
            bytes.put(chunk, 0, n);
        }
        return array;
    }

    /** Whether {@code array} can go as raw little-endian bytes (empty arrays too: ND4J's format fails on them). */
    static boolean raw(INDArray array) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN && RAW_TYPES.contains(array.dataType())
                && !array.isCompressed() && array.length() * array.dataType().width() < Integer.MAX_VALUE;
    }

    /** The array itself when its elements lie in C order without gaps, else a C-order copy. */
    private static INDArray contiguous(INDArray array) {
        boolean dense = array.ordering() == 'c' && !array.isView() && array.data().length() - array.offset()
                >= array.length();
        return dense ? array : array.dup('c');
    }
}
