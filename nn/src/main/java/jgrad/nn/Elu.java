package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Exponential linear unit, {@code y = x} for {@code x > 0} and {@code alpha · (e^x - 1)}
 * otherwise (Clevert, Unterthiner &amp; Hochreiter, "Fast and Accurate Deep Network Learning by
 * Exponential Linear Units", ICLR 2016; PyTorch's {@code nn.ELU}, default alpha 1). At 0 the
 * derivative is {@code alpha}, as in PyTorch. Shapes: output same as input, any rank; float64 or
 * float32.
 *
 * <p>A thin composite of {@link Tensor#elu(double)}, no vjp of its own: the exponential only
 * sees {@code min(x, 0)}, so large positive inputs (800) give themselves with gradient 1 and
 * large negative ones saturate at {@code -alpha}, without an infinity or NaN in either branch
 * (so anomaly detection stays quiet).
 *
 * @param alpha the saturation value for large negative inputs is {@code -alpha}; finite
 */
public record Elu(double alpha) implements Layer {

    /** @throws IllegalArgumentException if {@code alpha} is not finite */
    public Elu {
        checkArgument(Double.isFinite(alpha), "elu: alpha must be finite, got %s", alpha);
    }

    /** PyTorch's default, alpha 1. */
    public Elu() {
        this(1.0);
    }

    /** {@code input.elu(alpha)}. Shapes: same as {@code input}. */
    @Override
    public Tensor apply(Tensor input) {
        return checkNotNull(input, "elu: input is null").elu(alpha);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public Elu withParams(Params params) {
        ParamsChecks.checkMatches("elu", Params.of(), params);
        return this;
    }

    /** {@code ELU(alpha=1.0)}, as PyTorch prints it. */
    @Override
    public String toString() {
        return "ELU(alpha=" + alpha + ")";
    }
}
