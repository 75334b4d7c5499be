package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Reads {@code x} along {@code axis} at the positions an index tensor of the same rank holds
 * (PyTorch's {@code torch.gather}, NumPy's {@code np.take_along_axis}): {@code y[p] = x[p with its
 * coordinate on axis replaced by index[p]]}, e.g. {@code y[i][j] = x[index[i][j]][j]} for axis 0.
 * Shapes: {@code x [d0, ..., dr]}, {@code index [e0, ..., er]} with {@code e_d <= d_d} for every
 * {@code d != axis} -> {@code [e0, ..., er]}; {@code x} of any dtype, {@code index} int32 or int64
 * with values in {@code [-n, n)} for {@code n = x}'s size on {@code axis}, negative ones counting
 * from the end (NumPy's rule; {@code torch.gather} refuses them).
 *
 * <p>VJP: {@code dx = scatterAdd(zeros like x, axis, index, cotangent)}: each output element's
 * cotangent goes back to the element it read, and an element read several times receives the sum
 * (repeated indices accumulate). The index gets none.
 *
 * @param axis the indexed axis, non-negative
 */
public record Gather(int axis) implements Primitive {
    public Gather {
        checkArgument(axis >= 0, "gather: axis must be non-negative, got %s", axis);
    }

    @Override
    public DType outputDtype(List<DType> inputDtypes) {
        IndexingOps.checkIndexDtype("gather", inputDtypes.get(1));
        return inputDtypes.get(0);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape x = inputShapes.get(0);
        Shape index = inputShapes.get(1);
        IndexingOps.checkAlongAxis("gather", axis, x, index, "x");
        return index;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Tensor index = inputs.get(1);
        int[] positions = IndexingOps.indices("gather", index, x.shape().dim(axis), axis,
                x.shape());
        return Kernels.gather(x, axis, positions, index.shape());
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor zeros = Tensor.zeros(inputs.get(0).shape(), cotangent.dtype());
        return ImmutableList.of(
                Tensor.apply(new ScatterAdd(axis), zeros, inputs.get(1), cotangent),
                Cotangents.UNUSED);
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }

    /** Its cotangents are zero where an input took no part: strong zeros. */
    @Override
    public boolean selectsCotangents() {
        return true;
    }
}
