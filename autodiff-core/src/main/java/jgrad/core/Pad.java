package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * Zero padding with interior padding (XLA's {@code Pad}, {@code jax.lax.pad} with value 0): along
 * each axis {@code d}, {@code low[d]} zeros before the elements, {@code interior[d]} zeros between
 * each two neighbours and {@code high[d]} zeros after them. Shapes: {@code [n0, ...]} -> {@code
 * [low0 + n0 + (n0 - 1) * interior0 + high0, ...]} ({@code low0 + high0} when {@code n0 = 0}).
 *
 * <p>VJP: {@code dx = slice(cotangent, starts = low, steps = interior + 1)}, reading back the
 * positions the elements were written to: the transpose of {@link Slice}, whose vjp is this op.
 *
 * @param low the zeros before the elements per axis, non-negative
 * @param high the zeros after the elements per axis, non-negative
 * @param interior the zeros between neighbouring elements per axis, non-negative
 */
public record Pad(ImmutableIntArray low, ImmutableIntArray high, ImmutableIntArray interior)
        implements Primitive {
    public Pad {
        checkNotNull(low, "pad: low");
        checkNotNull(high, "pad: high");
        checkNotNull(interior, "pad: interior");
        low = low.trimmed();
        high = high.trimmed();
        interior = interior.trimmed();
        checkArgument(low.length() == high.length() && high.length() == interior.length(),
                "pad: low %s, high %s and interior %s differ in length", low, high, interior);
        for (int i = 0; i < low.length(); i++) {
            checkArgument(low.get(i) >= 0 && high.get(i) >= 0 && interior.get(i) >= 0,
                    "pad: low %s, high %s and interior %s must be non-negative",
                    low, high, interior);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape input = inputShapes.get(0);
        checkArgument(input.rank() == low.length(),
                "pad: low %s, high %s, interior %s do not fit shape %s of rank %s",
                low, high, interior, input, input.rank());
        int[] dims = new int[input.rank()];
        for (int i = 0; i < dims.length; i++) {
            int n = input.dim(i);
            long dim = (long) low.get(i) + high.get(i)
                    + (n == 0 ? 0 : n + (long) (n - 1) * interior.get(i));
            checkArgument(dim <= Integer.MAX_VALUE,
                    "pad: low %s, high %s, interior %s make axis %s of shape %s too long",
                    low, high, interior, i, input);
            dims[i] = (int) dim;
        }
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.pad(x, low.toArray(), steps(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Shape input = inputs.get(0).shape();
        int[] ends = new int[input.rank()];
        int[] steps = steps();
        for (int i = 0; i < ends.length; i++) {
            int n = input.dim(i);
            ends[i] = low.get(i) + (n == 0 ? 0 : (n - 1) * steps[i] + 1);
        }
        return ImmutableList.of(Tensor.apply(new Slice(low, ImmutableIntArray.copyOf(ends),
                ImmutableIntArray.copyOf(steps)), cotangent));
    }

    /** The distance between neighbouring elements in the output, {@code interior + 1}. */
    private int[] steps() {
        int[] steps = interior.toArray();
        for (int i = 0; i < steps.length; i++) {
            steps[i]++;
        }
        return steps;
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
