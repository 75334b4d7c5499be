package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Adds {@code source} into {@code target} along {@code axis} at the positions an index tensor of
 * {@code source}'s shape holds (PyTorch's {@code Tensor.scatter_add}): {@code y = target}, then
 * {@code y[p with its coordinate on axis replaced by index[p]] += source[p]} for each position
 * {@code p} of {@code source}, in row-major order, so repeated positions accumulate. Shapes:
 * {@code target [d0, ..., dr]}, {@code index} and {@code source [e0, ..., er]} with {@code e_d <=
 * d_d} for every {@code d != axis} -> {@code [d0, ..., dr]}; {@code target} and {@code source} of
 * one dtype (any), {@code index} int32 or int64 with values in {@code [-n, n)}, negative ones
 * counting from the end. Unlike PyTorch, {@code index} and {@code source} must have equal shapes.
 *
 * <p>VJP: {@code dtarget = cotangent}, {@code dsource = gather(cotangent, axis, index)} (the
 * transpose of a scatter-add is the gather it transposes); the index gets none.
 *
 * @param axis the indexed axis, non-negative
 */
public record ScatterAdd(int axis) implements Primitive {
    public ScatterAdd {
        checkArgument(axis >= 0, "scatterAdd: axis must be non-negative, got %s", axis);
    }

    @Override
    public DType outputDtype(List<DType> inputDtypes) {
        IndexingOps.checkIndexDtype("scatterAdd", inputDtypes.get(1));
        checkArgument(inputDtypes.get(0) == inputDtypes.get(2),
                "scatterAdd: dtypes differ (target %s, source %s); cast explicitly",
                inputDtypes.get(0), inputDtypes.get(2));
        return inputDtypes.get(0);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape target = inputShapes.get(0);
        Shape index = inputShapes.get(1);
        Shape source = inputShapes.get(2);
        checkArgument(index.equals(source),
                "scatterAdd: index shape %s differs from source shape %s", index, source);
        IndexingOps.checkAlongAxis("scatterAdd", axis, target, index, "target");
        return target;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor target = inputs.get(0);
        int[] positions = IndexingOps.indices("scatterAdd", inputs.get(1),
                target.shape().dim(axis), axis, target.shape());
        return Kernels.scatterAdd(target, axis, positions, inputs.get(2));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(
                inputs.get(0).isTraced() ? cotangent : Cotangents.UNUSED,
                Cotangents.UNUSED,
                inputs.get(2).isTraced()
                        ? Tensor.apply(new Gather(axis), cotangent, inputs.get(1))
                        : Cotangents.UNUSED);
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
