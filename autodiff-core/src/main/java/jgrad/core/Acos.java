package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise arccosine, {@code y = acos x}, in radians, in {@code [0, pi]}; NaN outside {@code
 * [-1, 1]}. Shapes: same as {@code x}.
 *
 * <p>A primitive for accuracy: the kernel is {@link Math#acos} (within one ulp), and its rule can
 * form {@code 1 - x^2} as {@code (1 - x)(1 + x)}, which does not cancel near {@code |x| = 1}
 * (PyTorch 1.13's {@code 1 - x * x} is off by {@code 5e-12} relative at {@code x = 0.999999}). A
 * composite through {@link Atan2} has the right values but differentiates {@code sqrt((1 - x)(1 +
 * x))} into {@code Inf * 0 = NaN} at the ends.
 *
 * <p>VJP: {@code dx = -cotangent / sqrt(1 - x^2)} with {@code 1 - x^2 = (1 - x)(1 + x)};
 * {@code -Inf} at {@code x = +-1}, as in PyTorch, NaN
 * outside, with strong zeros.
 */
public record Acos() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.ACOS, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        Tensor derivative = x.neg().add(1.0).mul(x.add(1.0)).rsqrt().neg();
        return ImmutableList.of(Cotangents.times(cotangent, derivative));
    }

    /** [-1, 1]; acos' = -inf at both ends. */
    @Override
    public Domain domain() {
        return Domain.closed(-1, 1);
    }
}
