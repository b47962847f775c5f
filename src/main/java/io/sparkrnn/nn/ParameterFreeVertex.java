package io.sparkrnn.nn;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;

/**
 * What the project's own graph vertices without parameters share ({@link WordDropoutVertex},
 * {@link SequenceAttentionVertex}): no parameters, a fixed number of inputs, nothing to report
 * to DL4J's memory estimate beyond their activations.
 */
public abstract class ParameterFreeVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    /** How many inputs the vertex reads. */
    protected abstract int inputCount();

    @Override
    public final long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public final int minVertexInputs() {
        return inputCount();
    }

    @Override
    public final int maxVertexInputs() {
        return inputCount();
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, getClass(), inputTypes[0], inputTypes[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
