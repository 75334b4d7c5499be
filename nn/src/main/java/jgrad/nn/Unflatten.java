package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Splits axis {@code axis} into {@code sizes}, as PyTorch's {@code nn.Unflatten(dim,
 * unflattened_size)}: {@code Unflatten.of(1, 1, 8, 8)} turns the rows of a data set, {@code
 * [batch, 64]}, into images {@code [batch, 1, 8, 8]} (row-major order) for a {@code Conv2d}. The
 * inverse of {@link Flatten}. A negative axis counts from the end.
 *
 * <p>Composite: one {@link Tensor#reshape}, no vjp of its own.
 *
 * @param axis  the axis to split
 * @param sizes its new sizes, whose product is its length; each positive
 */
public record Unflatten(int axis, ImmutableIntArray sizes) implements Layer {

    /** @throws IllegalArgumentException if {@code sizes} is empty or a size is not positive */
    public Unflatten {
        checkNotNull(sizes, "unflatten: sizes is null");
        checkArgument(!sizes.isEmpty(), "unflatten: sizes is empty");
        for (int i = 0; i < sizes.length(); i++) {
            checkArgument(sizes.get(i) > 0, "unflatten: sizes must be positive, got %s", sizes);
        }
        sizes = sizes.trimmed();
    }

    /**
     * Axis {@code axis} split into {@code sizes}.
     *
     * @throws IllegalArgumentException if {@code sizes} is empty or a size is not positive
     */
    public static Unflatten of(int axis, int... sizes) {
        return new Unflatten(axis, ImmutableIntArray.copyOf(sizes));
    }

    /**
     * The input with axis {@code axis} split. Shapes: {@code [..., n, ...]} -> {@code [...,
     * sizes..., ...]} with {@code n = product(sizes)}.
     *
     * @throws IllegalArgumentException if the axis is out of range or its length is not the
     *     product of {@code sizes}, naming the shape
     */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "unflatten: input is null");
        int rank = input.rank();
        int at = axis < 0 ? axis + rank : axis;
        checkArgument(0 <= at && at < rank, "unflatten: axis %s out of range for input shape %s",
                axis, input.shape());
        int product = 1;
        for (int i = 0; i < sizes.length(); i++) {
            product *= sizes.get(i);
        }
        checkArgument(input.shape().dim(at) == product, "unflatten: axis %s of input shape %s"
                + " has length %s, not the product %s of sizes %s", axis, input.shape(),
                input.shape().dim(at), product, sizes);
        int[] shape = new int[rank - 1 + sizes.length()];
        for (int i = 0; i < at; i++) {
            shape[i] = input.shape().dim(i);
        }
        for (int i = 0; i < sizes.length(); i++) {
            shape[at + i] = sizes.get(i);
        }
        for (int i = at + 1; i < rank; i++) {
            shape[i - 1 + sizes.length()] = input.shape().dim(i);
        }
        return input.reshape(shape);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public Unflatten withParams(Params params) {
        ParamsChecks.checkMatches("unflatten", Params.of(), params);
        return this;
    }

    /** {@code Unflatten(dim=1, unflattened_size=[1, 8, 8])}. */
    @Override
    public String toString() {
        return "Unflatten(dim=" + axis + ", unflattened_size=" + sizes + ")";
    }
}
