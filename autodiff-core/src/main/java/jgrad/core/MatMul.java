package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Matrix product, {@code y[i, j] = sum_p a[i, p] * b[p, j]}. Shapes: {@code a [m, k]}, {@code b
 * [k, n]} -> {@code [m, n]}. A primitive for speed: the composite (broadcast, multiply, sum) would
 * materialise an {@code [m, k, n]} intermediate.
 *
 * <p>VJP: {@code da = cotangent . b^T, db = a^T . cotangent} (matrix calculus, e.g. Giles 2008,
 * "An extended collection of matrix derivative results").
 */
public record MatMul() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape a = inputShapes.get(0);
        Shape b = inputShapes.get(1);
        checkArgument(a.rank() == 2 && b.rank() == 2 && a.dim(1) == b.dim(0),
                "matmul: [m, k] x [k, n] expected, got %s x %s", a, b);
        return Shape.of(a.dim(0), b.dim(1));
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.matmul(inputs.get(0), inputs.get(1));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return ImmutableList.of(
                a.isTraced() ? Cotangents.matmulLeft(cotangent, b.transpose()) : Cotangents.UNUSED,
                b.isTraced()
                        ? Cotangents.matmulRight(a.transpose(), cotangent) : Cotangents.UNUSED);
    }
}
