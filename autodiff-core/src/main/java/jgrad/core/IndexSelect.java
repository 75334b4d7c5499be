package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Picks the entries of {@code x} along {@code axis} that an integer index lists, in its order and
 * with repeats (PyTorch's {@code torch.index_select}, NumPy's {@code np.take(x, index, axis)} for
 * a 1-D index): {@code y[..., i, ...] = x[..., index[i], ...]}. Shapes: {@code x [..., n, ...]},
 * {@code index [k]} -> {@code [..., k, ...]}; {@code x} of any dtype, {@code index} int32 or
 * int64 with values in {@code [-n, n)}, negative ones counting from the end (NumPy's rule;
 * PyTorch refuses them).
 *
 * <p>VJP: {@code dx = indexAdd(zeros like x, axis, index, cotangent)}: each output row goes back
 * to the row it was read from, and a row read several times receives the sum of their cotangents
 * (a scatter-add). The index gets none.
 *
 * @param axis the indexed axis, non-negative
 */
public record IndexSelect(int axis) implements Primitive {
    public IndexSelect {
        checkArgument(axis >= 0, "indexSelect: axis must be non-negative, got %s", axis);
    }

    @Override
    public DType outputDtype(List<DType> inputDtypes) {
        IndexingOps.checkIndexDtype("indexSelect", inputDtypes.get(1));
        return inputDtypes.get(0);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape x = inputShapes.get(0);
        Shape index = inputShapes.get(1);
        checkArgument(axis < x.rank(), "indexSelect: axis %s out of range for shape %s", axis, x);
        checkArgument(index.rank() == 1,
                "indexSelect: index must be 1-D, got shape %s (take accepts any shape)", index);
        int[] dims = x.toArray();
        dims[axis] = index.dim(0);
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Tensor index = inputs.get(1);
        int[] rows = IndexingOps.indices("indexSelect", index, x.shape().dim(axis), axis,
                x.shape());
        return Kernels.indexSelect(x, axis, rows,
                outputShape(List.of(x.shape(), index.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor zeros = Tensor.zeros(inputs.get(0).shape(), cotangent.dtype());
        return ImmutableList.of(
                Tensor.apply(new IndexAdd(axis), zeros, inputs.get(1), cotangent),
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
