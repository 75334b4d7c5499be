package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * A strided window of {@code x}: along each axis {@code d}, the elements at {@code starts[d],
 * starts[d] + steps[d], ...} below {@code ends[d]} (NumPy's {@code x[start:end:step]} with
 * {@code 0 <= start, end <= dim}; {@code start >= end} gives an empty axis). Shapes: {@code [d0,
 * ...]} -> {@code [ceil((end0 - start0) / step0), ...]}.
 *
 * <p>VJP: {@code dx = pad(cotangent, low = starts, interior = steps - 1, high = the rest)}: each
 * output element reads one input element, so its cotangent goes back there and the unread elements
 * get zero. {@link Pad} is this rule's transpose, as in XLA ({@code jax.lax.slice}'s transpose is
 * {@code lax.pad}).
 *
 * @param starts the first index read per axis, non-negative
 * @param ends the index past the last one read per axis, non-negative
 * @param steps the stride per axis, at least 1
 */
public record Slice(ImmutableIntArray starts, ImmutableIntArray ends, ImmutableIntArray steps)
        implements Primitive {
    public Slice {
        checkNotNull(starts, "slice: starts");
        checkNotNull(ends, "slice: ends");
        checkNotNull(steps, "slice: steps");
        starts = starts.trimmed();
        ends = ends.trimmed();
        steps = steps.trimmed();
        checkArgument(starts.length() == ends.length() && ends.length() == steps.length(),
                "slice: starts %s, ends %s and steps %s differ in length", starts, ends, steps);
        for (int i = 0; i < starts.length(); i++) {
            checkArgument(starts.get(i) >= 0 && ends.get(i) >= 0 && steps.get(i) >= 1,
                    "slice: starts %s and ends %s must be non-negative and steps %s at least 1",
                    starts, ends, steps);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape input = inputShapes.get(0);
        checkArgument(input.rank() == starts.length(),
                "slice: starts %s, ends %s, steps %s do not fit shape %s of rank %s",
                starts, ends, steps, input, input.rank());
        int[] dims = new int[input.rank()];
        for (int i = 0; i < dims.length; i++) {
            checkArgument(starts.get(i) <= input.dim(i) && ends.get(i) <= input.dim(i),
                    "slice: starts %s and ends %s out of range for shape %s", starts, ends, input);
            dims[i] = length(starts.get(i), ends.get(i), steps.get(i));
        }
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.slice(x, starts.toArray(), steps.toArray(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Shape input = inputs.get(0).shape();
        int rank = input.rank();
        int[] high = new int[rank];
        int[] interior = new int[rank];
        for (int i = 0; i < rank; i++) {
            int n = cotangent.shape().dim(i);
            int covered = n == 0 ? 0 : (n - 1) * steps.get(i) + 1;
            high[i] = input.dim(i) - starts.get(i) - covered;
            interior[i] = steps.get(i) - 1;
        }
        return ImmutableList.of(Tensor.apply(new Pad(starts, ImmutableIntArray.copyOf(high),
                ImmutableIntArray.copyOf(interior)), cotangent));
    }

    /** The number of indices {@code start, start + step, ...} below {@code end}. */
    static int length(int start, int end, int step) {
        return end > start ? (end - start + step - 1) / step : 0;
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
