package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.BinaryOp;

/**
 * Elementwise larger of two tensors, {@code y = max(a, b)}, broadcast (NumPy rules) in place;
 * NaN if either is NaN (as NumPy's and PyTorch's {@code maximum}). Shapes: broadcast of both. All
 * dtypes.
 *
 * <p>A primitive for speed and for its tie rule: one pass with a kernel, where a composite of
 * masks and {@link Where} would take four and could not split ties.
 *
 * <p>VJP (PyTorch's rule): the cotangent goes to the larger operand; on ties {@code a == b} it is
 * split equally, half to each (a valid subgradient, like {@code max}'s tie rule). Where an operand
 * is NaN both get the whole cotangent (neither compares less), as in PyTorch 1.13. In formulas:
 * {@code da = where(a < b, 0, where(a == b, cotangent / 2, cotangent))},
 * and {@code db} the same with {@code a} and {@code b} swapped, summed to each input's shape.
 * Written with masks of the inputs, so it is linear in the cotangent and differentiable again.
 */
public record Maximum() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.broadcastShapes("maximum", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.binary(BinaryOp.MAXIMUM, inputs.get(0), inputs.get(1),
                outputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return ImmutableList.of(
                a.isTraced() ? share(cotangent, a, b).sumTo(a.shape()) : Cotangents.UNUSED,
                b.isTraced() ? share(cotangent, b, a).sumTo(b.shape()) : Cotangents.UNUSED);
    }

    /** The part of {@code cotangent} that goes to {@code mine}. */
    private static Tensor share(Tensor cotangent, Tensor mine, Tensor other) {
        Tensor zero = cotangent.zerosLike();
        Tensor tie = Tensor.where(mine.equal(other), cotangent.mul(0.5), cotangent);
        return Tensor.where(mine.less(other), zero, tie);
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }

    /** Its cotangents are zero where an input took no part: strong zeros. */
    @Override
    public boolean selectsCotangents() {
        return true;
    }
}
