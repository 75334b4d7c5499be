package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Leaky rectified linear unit, {@code y = x} for {@code x > 0} and {@code negativeSlope · x}
 * otherwise (Maas, Hannun &amp; Ng, 2013; PyTorch's {@code nn.LeakyReLU}, default slope 0.01).
 * At 0 the derivative is {@code negativeSlope}, as in PyTorch. Shapes: output same as input, any
 * rank; float64 or float32.
 *
 * <p>Composite: {@link Tensor#leakyRelu(double)}, {@code where(x > 0, x, negativeSlope · x)},
 * no vjp of its own.
 *
 * @param negativeSlope the slope for {@code x <= 0}; finite
 */
public record LeakyRelu(double negativeSlope) implements Layer {

    /** @throws IllegalArgumentException if {@code negativeSlope} is not finite */
    public LeakyRelu {
        checkArgument(Double.isFinite(negativeSlope),
                "leakyRelu: negativeSlope must be finite, got %s", negativeSlope);
    }

    /** PyTorch's default, slope 0.01. */
    public LeakyRelu() {
        this(0.01);
    }

    /** {@code where(x > 0, x, negativeSlope · x)}. Shapes: same as {@code input}. */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "leakyRelu: input is null");
        return input.leakyRelu(negativeSlope);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public LeakyRelu withParams(Params params) {
        ParamsChecks.checkMatches("leakyRelu", Params.of(), params);
        return this;
    }

    /** {@code LeakyReLU(negative_slope=0.01)}, as PyTorch prints it. */
    @Override
    public String toString() {
        return "LeakyReLU(negative_slope=" + negativeSlope + ")";
    }
}
