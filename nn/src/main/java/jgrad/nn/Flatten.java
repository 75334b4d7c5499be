package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Flattens the axes {@code startAxis..endAxis} (inclusive) into one, as PyTorch's {@code
 * nn.Flatten(start_dim=1, end_dim=-1)}: by default every axis but the batch axis, so {@code [batch,
 * channels, height, width]} becomes {@code [batch, channels · height · width]} (row-major order,
 * as the feature order of a following {@link Linear}). Negative axes count from the end.
 *
 * <p>Composite: one {@link Tensor#reshape}, no vjp of its own.
 *
 * @param startAxis the first axis flattened (default 1)
 * @param endAxis   the last axis flattened, inclusive (default -1, the last)
 */
public record Flatten(int startAxis, int endAxis) implements Layer {

    /** Every axis after the batch axis: {@code Flatten(1, -1)}. */
    public Flatten() {
        this(1, -1);
    }

    /**
     * The input with axes {@code startAxis..endAxis} merged. Shapes: {@code [d0, ..., ds, ...,
     * de, ...]} -> {@code [d0, ..., ds · ... · de, ...]}.
     *
     * @throws IllegalArgumentException if an axis is out of range for the input's rank or
     *     {@code startAxis} comes after {@code endAxis}, naming the shape
     */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "flatten: input is null");
        int rank = input.rank();
        int start = startAxis < 0 ? startAxis + rank : startAxis;
        int end = endAxis < 0 ? endAxis + rank : endAxis;
        checkArgument(0 <= start && start < rank && 0 <= end && end < rank && start <= end,
                "flatten: axes %s..%s do not fit input shape %s", startAxis, endAxis,
                input.shape());
        int[] shape = new int[rank - (end - start)];
        int merged = 1;
        for (int axis = start; axis <= end; axis++) {
            merged *= input.shape().dim(axis);
        }
        for (int axis = 0; axis < start; axis++) {
            shape[axis] = input.shape().dim(axis);
        }
        shape[start] = merged;
        for (int axis = end + 1; axis < rank; axis++) {
            shape[axis - (end - start)] = input.shape().dim(axis);
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
    public Flatten withParams(Params params) {
        ParamsChecks.checkMatches("flatten", Params.of(), params);
        return this;
    }

    /** {@code Flatten(start_dim=1, end_dim=-1)}, as PyTorch prints it. */
    @Override
    public String toString() {
        return "Flatten(start_dim=" + startAxis + ", end_dim=" + endAxis + ")";
    }
}
