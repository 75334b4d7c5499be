package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise product of two tensors of equal shape, {@code y = a * b}. {@link Tensor#mul(Tensor)}
 * broadcasts first.
 *
 * <p>VJP: {@code da = cotangent * b, db = cotangent * a} (product rule), with strong zeros.
 */
public record Mul() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.sameShapes("mul", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.zip(inputs.get(0), inputs.get(1), (a, b) -> a * b);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return ImmutableList.of(
                a.isTraced() ? Cotangents.times(cotangent, b) : Cotangents.UNUSED,
                b.isTraced() ? Cotangents.times(cotangent, a) : Cotangents.UNUSED);
    }
}
