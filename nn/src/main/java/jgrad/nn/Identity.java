package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * The identity, {@code y = x}, as a layer without parameters (PyTorch's {@code nn.Identity}): the
 * shortcut of a {@link Residual} block without projection. Shapes: output same as input.
 */
public record Identity() implements Layer {

    /** {@code input} itself. */
    @Override
    public Tensor apply(Tensor input) {
        return checkNotNull(input, "identity: input is null");
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public Identity withParams(Params params) {
        ParamsChecks.checkMatches("identity", Params.of(), params);
        return this;
    }

    /** {@code Identity()}. */
    @Override
    public String toString() {
        return "Identity()";
    }
}
