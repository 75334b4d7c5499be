package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Softmax along {@code axis}, {@code y_i = e^(x_i) / Σ_j e^(x_j)} (PyTorch's {@code
 * nn.Softmax(dim)}); outputs are positive and sum to 1 along the axis. Shapes: output same as
 * input; {@code axis} may be negative (from the end). For training, feed logits to {@code
 * Losses.softmaxCrossEntropy} instead of this layer followed by a log: it is more stable.
 *
 * <p>Composite: {@link Tensor#softmax(int)} (max-shifted), no vjp of its own.
 *
 * @param axis the axis to normalise along; negative counts from the end
 */
public record Softmax(int axis) implements Layer {

    /** Along the last axis, {@code axis = -1}. */
    public Softmax() {
        this(-1);
    }

    /**
     * {@code softmax(x, axis)}. Shapes: same as {@code input}.
     *
     * @throws IllegalArgumentException if {@code axis} is out of range for the input's rank
     */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "softmax: input is null");
        return input.softmax(axis);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public Softmax withParams(Params params) {
        ParamsChecks.checkMatches("softmax", Params.of(), params);
        return this;
    }

    /** {@code Softmax(dim=-1)}, as PyTorch prints it. */
    @Override
    public String toString() {
        return "Softmax(dim=" + axis + ")";
    }
}
