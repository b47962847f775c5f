package io.sparkrnn.nn;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a test class with ND4J's default types set to double, which DL4J's gradient checks
 * require, and puts the previous defaults back afterwards so that the other tests in the same
 * JVM keep single precision.
 */
final class DoublePrecision implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DoublePrecision.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("saved", new DataType[]{Nd4j.dataType(), Nd4j.defaultFloatingPointType()});
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DataType[] saved = context.getStore(NAMESPACE).get("saved", DataType[].class);
        Nd4j.setDefaultDataTypes(saved[0], saved[1]);
    }
}
