package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise natural logarithm, {@code y = ln x}; {@code ln 0 = -Inf}, {@code ln x = NaN} for
 * {@code x < 0} (IEEE 754). Shapes: same as {@code x}.
 *
 * <p>VJP: {@code dx = cotangent / x}, since ln' x = 1/x.
 */
public record Log() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.LOG, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, inputs.get(0).recip()));
    }

    /** (0, inf). */
    @Override
    public Domain domain() {
        return Domain.greaterThan(0);
    }
}
