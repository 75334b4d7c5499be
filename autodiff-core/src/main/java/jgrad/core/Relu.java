package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Rectified linear unit, {@code y = x < 0 ? 0 : x}: NaN stays NaN. Shapes: same as {@code x}.
 *
 * <p>A primitive for speed: one pass forward and one selection backward, where the composite of
 * masks and {@link Where} made five passes forward and kept four intermediates alive for the
 * backward pass; relu is in every hidden layer of an MLP.
 *
 * <p>VJP: {@code dx = where(y, cotangent, 0)}, the output {@code y} read as the mask (non-zero,
 * NaN included, is true), as PyTorch's threshold backward reads its result: the cotangent passes
 * where {@code x > 0} and where {@code x} is NaN (PyTorch 1.13 gives relu'(NaN) = 1 too), the
 * subgradient at 0 and at -0 is 0 (relu'(0) = 0, as in PyTorch). Reading the output saves the
 * pass that made a mask of {@code x}. Written with {@link Tensor#where}, so it is linear in the
 * cotangent and its own derivative with respect to {@code x} is 0 (relu'' = 0 away from 0).
 */
public record Relu() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.RELU, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Tensor.where(output, cotangent, cotangent.zerosLike()));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }

    /** the reals, with a kink at 0. */
    @Override
    public Domain domain() {
        return Domain.REALS.withKinks(0);
    }

    /** Its cotangents are zero where an input took no part: strong zeros. */
    @Override
    public boolean selectsCotangents() {
        return true;
    }
}
