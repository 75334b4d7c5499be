package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Adds the entries of {@code source} along {@code axis} into {@code target} at the positions an
 * integer index lists (PyTorch's {@code Tensor.index_add}, NumPy's {@code np.add.at} along an
 * axis): {@code y = target}, then {@code y[..., index[i], ...] += source[..., i, ...]} for each
 * {@code i} in order, so repeated indices accumulate. Shapes: {@code target [..., n, ...]}, {@code
 * index [k]}, {@code source [..., k, ...]} -> {@code [..., n, ...]}; {@code target} and {@code
 * source} of one dtype (any), {@code index} int32 or int64 with values in {@code [-n, n)},
 * negative ones counting from the end.
 *
 * <p>VJP: {@code dtarget = cotangent}, {@code dsource = indexSelect(cotangent, axis, index)} (the
 * transpose of a scatter-add is the selection it transposes); the index gets none.
 *
 * @param axis the indexed axis, non-negative
 */
public record IndexAdd(int axis) implements Primitive {
    public IndexAdd {
        checkArgument(axis >= 0, "indexAdd: axis must be non-negative, got %s", axis);
    }

    @Override
    public DType outputDtype(List<DType> inputDtypes) {
        IndexingOps.checkIndexDtype("indexAdd", inputDtypes.get(1));
        checkArgument(inputDtypes.get(0) == inputDtypes.get(2),
                "indexAdd: dtypes differ (target %s, source %s); cast explicitly",
                inputDtypes.get(0), inputDtypes.get(2));
        return inputDtypes.get(0);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape target = inputShapes.get(0);
        Shape index = inputShapes.get(1);
        Shape source = inputShapes.get(2);
        checkArgument(axis < target.rank(),
                "indexAdd: axis %s out of range for shape %s", axis, target);
        checkArgument(index.rank() == 1, "indexAdd: index must be 1-D, got shape %s", index);
        int[] expected = target.toArray();
        expected[axis] = index.dim(0);
        checkArgument(source.equals(Shape.of(expected)),
                "indexAdd: source of shape %s does not fit target %s and index %s along axis %s;"
                        + " expected %s", source, target, index, axis, Shape.of(expected));
        return target;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor target = inputs.get(0);
        int[] rows = IndexingOps.indices("indexAdd", inputs.get(1), target.shape().dim(axis),
                axis, target.shape());
        return Kernels.indexAdd(target, axis, rows, inputs.get(2));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(
                inputs.get(0).isTraced() ? cotangent : Cotangents.UNUSED,
                Cotangents.UNUSED,
                inputs.get(2).isTraced()
                        ? Tensor.apply(new IndexSelect(axis), cotangent, inputs.get(1))
                        : Cotangents.UNUSED);
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
