package io.sparkrnn.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running form of a {@link ParameterFreeVertex}: no layer, no parameters, no gradient view.
 * (DL4J's BaseGraphVertex declares {@code setInputs} without the varargs its interface has:
 * the "overrides" warning is theirs.)
 */
@SuppressWarnings("overrides")
abstract class ParameterFreeStep extends BaseGraphVertex {
    private static final long serialVersionUID = 1L;

    ParameterFreeStep(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, (VertexIndices[]) null, (VertexIndices[]) null, dataType);
    }

    @Override
    public final boolean hasLayer() {
        return false;
    }

    @Override
    public final Layer getLayer() {
        return null;
    }

    @Override
    public final void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null && backpropGradientsViewArray.length() > 0) {
            throw new IllegalStateException(vertexName + " has no parameters");
        }
    }
}
