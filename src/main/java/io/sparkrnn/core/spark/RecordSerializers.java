package io.sparkrnn.core.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tells Kryo how to move the project's Java records between JVMs. Spark's Kryo (4.x) builds
 * field serializers through {@code Unsafe} field offsets, which Java refuses for records
 * ("can't get field offset on a record class"); these classes go through Java serialization
 * instead, which records support as designed; a default serializer for {@link Record} covers
 * every record without a list to keep up to date. Registered after ND4J's registrator, whose
 * serializer for ND4J arrays it replaces with the bulk {@link ArraySerializer}.
 */
public final class RecordSerializers implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        // Applies to every subclass of Record, i.e. every record, registered or not.
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
        kryo.register(Nd4j.getBackend().getNDArrayClass(), new ArraySerializer());
    }
}
