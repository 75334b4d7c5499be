package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.BinaryOp;

/**
 * Elementwise comparison mask, {@code y = a < b ? 1 : 0}, broadcast (NumPy rules) in place; {@code
 * 0} where either is NaN. The output is never traced.
 *
 * <p>VJP: zero for both inputs (the mask is piecewise constant).
 */
public record Less() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.broadcastShapes("less", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.binary(BinaryOp.LESS, inputs.get(0), inputs.get(1),
                outputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(inputs.get(0).zerosLike(), inputs.get(1).zerosLike());
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }
}
