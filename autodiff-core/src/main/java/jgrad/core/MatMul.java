package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched matrix product of the last two axes, {@code y[..., i, j] = sum_p op(a)[..., i, p] *
 * op(b)[..., p, j]}, where {@code op} transposes the last two axes when its flag is set and the
 * leading (batch) axes broadcast by NumPy's rules. Shapes: {@code op(a) [..., m, k]}, {@code
 * op(b) [..., k, n]} -> {@code [broadcast(...), m, n]}; both operands have rank at least 2 ({@link
 * Tensor#matmul} handles 1-D operands by NumPy's rules around this primitive).
 *
 * <p>A primitive for speed: the composite (broadcast, multiply, sum) would materialise an {@code
 * [m, k, n]} intermediate. The transpose flags let the vjp read transposed operands in place,
 * as BLAS's {@code gemm} does, instead of materialising them.
 *
 * <p>VJP (matrix calculus, e.g. Giles 2008, "An extended collection of matrix derivative
 * results"), for {@code y = A B}: {@code dA = G B^T, dB = A^T G}; with the flags, each is again
 * one product with flags (for {@code y = A^T B}: {@code dA = B G^T, dB = A G}; for {@code y = A
 * B^T}: {@code dA = G B, dB = G^T A}; for {@code y = A^T B^T}: {@code dA = B^T G^T, dB = G^T
 * A^T}), summed over broadcast batch axes with {@link Tensor#sumTo}; with strong zeros.
 *
 * @param transposeA whether the product reads {@code a} with its last two axes swapped
 * @param transposeB whether the product reads {@code b} with its last two axes swapped
 */
public record MatMul(boolean transposeA, boolean transposeB) implements Primitive {

    /** The plain product {@code a . b}. */
    public MatMul() {
        this(false, false);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape a = inputShapes.get(0);
        Shape b = inputShapes.get(1);
        checkArgument(a.rank() >= 2 && b.rank() >= 2,
                "matmul: [..., m, k] x [..., k, n] expected, got %s x %s", a, b);
        int m = a.dim(transposeA ? -1 : -2);
        int k = a.dim(transposeA ? -2 : -1);
        int kb = b.dim(transposeB ? -1 : -2);
        int n = b.dim(transposeB ? -2 : -1);
        checkArgument(k == kb, "matmul: [..., m, k] x [..., k, n] expected, got %s x %s%s", a, b,
                transposeA || transposeB ? " (transposed: " + transposeA + ", " + transposeB + ")"
                        : "");
        Shape batch = Shape.broadcast(batch(a), batch(b), "matmul");
        int[] dims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        dims[batch.rank()] = m;
        dims[batch.rank() + 1] = n;
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return Kernels.matmul(a, transposeA, b, transposeB,
                outputShape(List.of(a.shape(), b.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        Tensor g = cotangent;
        Tensor da = Cotangents.UNUSED;
        Tensor db = Cotangents.UNUSED;
        if (a.isTraced()) {
            da = (transposeA
                    ? Cotangents.matmul(b, transposeB, g, true, false)
                    : Cotangents.matmul(g, false, b, !transposeB, true)).sumTo(a.shape());
        }
        if (b.isTraced()) {
            db = (transposeB
                    ? Cotangents.matmul(g, true, a, transposeA, true)
                    : Cotangents.matmul(a, !transposeA, g, false, false)).sumTo(b.shape());
        }
        return ImmutableList.of(da, db);
    }

    /** The batch axes: all but the last two. */
    static Shape batch(Shape shape) {
        return Shape.of(Arrays.copyOf(shape.toArray(), shape.rank() - 2));
    }
}
