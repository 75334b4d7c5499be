package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise quotient of two tensors of equal shape, {@code y = a / b} (IEEE 754 division).
 * {@link Tensor#div(Tensor)} broadcasts first.
 *
 * <p>A primitive for accuracy: the composite {@code a * (1 / b)} rounds twice, so a column's
 * maximum divided by itself could come out as {@code 0.9999999999999999}; one division is
 * correctly rounded, as NumPy's is.
 *
 * <p>VJP: {@code da = cotangent / b, db = -cotangent * y / b} (quotient rule), with strong zeros.
 */
public record Div() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.sameShapes("div", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.zip(inputs.get(0), inputs.get(1), (a, b) -> a / b);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return ImmutableList.of(
                a.isTraced() ? Cotangents.times(cotangent, b.recip()) : Cotangents.UNUSED,
                b.isTraced()
                        ? Cotangents.times(cotangent, output.div(b).neg()) : Cotangents.UNUSED);
    }
}
