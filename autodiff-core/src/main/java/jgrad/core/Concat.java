package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.List;

/**
 * Joins its inputs along {@code axis} in order (NumPy's {@code concatenate}, PyTorch's {@code
 * torch.cat}). Shapes: {@code [..., n_i, ...]} for each input, equal but along {@code axis} ->
 * {@code [..., sum(n_i), ...]}; one dtype, any.
 *
 * <p>A primitive for speed and memory: {@code Pad} each input to the full length and {@code Add}
 * them would compute the same values, but with one full-size temporary and one addition per input;
 * this copies each input's blocks once.
 *
 * <p>VJP: {@code dx_i = slice(cotangent, axis, offset_i, offset_i + n_i)}, each input's part of
 * the cotangent (the transpose of a concatenation is a split).
 *
 * @param axis the joined axis, non-negative
 */
public record Concat(int axis) implements Primitive {
    public Concat {
        checkArgument(axis >= 0, "concat: axis must be non-negative, got %s", axis);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape first = inputShapes.get(0);
        checkArgument(axis < first.rank(),
                "concat: axis %s out of range for shape %s", axis, first);
        int[] dims = first.toArray();
        long total = 0;
        for (int i = 0; i < inputShapes.size(); i++) {
            Shape shape = inputShapes.get(i);
            checkArgument(fits(first, shape), "concat: tensor %s has shape %s and tensor 0 has %s;"
                    + " all axes but axis %s must agree", i, shape, first, axis);
            total += shape.dim(axis);
        }
        checkArgument(total <= Integer.MAX_VALUE,
                "concat: the joined axis would have %s elements", total);
        dims[axis] = (int) total;
        return Shape.of(dims);
    }

    private boolean fits(Shape first, Shape shape) {
        if (shape.rank() != first.rank()) {
            return false;
        }
        for (int d = 0; d < first.rank(); d++) {
            if (d != axis && shape.dim(d) != first.dim(d)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Shape[] shapes = new Shape[inputs.size()];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = inputs.get(i).shape();
        }
        return Kernels.concat(inputs, axis, outputShape(Arrays.asList(shapes)));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        ImmutableList.Builder<Tensor> cotangents = ImmutableList.builder();
        int rank = cotangent.rank();
        int[] starts = new int[rank];
        int[] ends = cotangent.shape().toArray();
        int[] steps = new int[rank];
        Arrays.fill(steps, 1);
        int offset = 0;
        for (Tensor input : inputs) {
            int n = input.shape().dim(axis);
            if (input.isTraced()) {
                starts[axis] = offset;
                ends[axis] = offset + n;
                cotangents.add(Tensor.apply(new Slice(ImmutableIntArray.copyOf(starts),
                        ImmutableIntArray.copyOf(ends), ImmutableIntArray.copyOf(steps)),
                        cotangent));
            } else {
                cotangents.add(Cotangents.UNUSED);
            }
            offset += n;
        }
        return cotangents.build();
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
