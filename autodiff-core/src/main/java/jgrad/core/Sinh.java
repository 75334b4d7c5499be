package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise hyperbolic sine, {@code y = sinh x = (e^x - e^-x) / 2}. Shapes: same as {@code x}.
 *
 * <p>A primitive for accuracy: the kernel is {@link Math#sinh} (within 2.5 ulps, finite up to
 * {@code |x| = 710.47}), and the rule is {@code cosh}, whose own rule is {@code sinh}, so every
 * derivative is accurate near 0; a composite of exponentials would differentiate into {@code e^x
 * - e^-x}, which cancels there.
 *
 * <p>VJP: {@code dx = cotangent * cosh x}.
 */
public record Sinh() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.SINH, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, inputs.get(0).cosh()));
    }
}
