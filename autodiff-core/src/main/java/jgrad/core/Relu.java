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
 * <p>VJP: {@code dx = where(x > 0, cotangent, 0)}: the subgradient at 0 is 0 (relu'(0) = 0, as in
 * PyTorch), and at NaN the cotangent is dropped (NaN > 0 is false), as PyTorch's threshold
 * backward does. Written with {@link Tensor#where} of a mask of {@code x}, so it is linear in the
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
        Tensor x = inputs.get(0);
        return ImmutableList.of(Tensor.where(x.greater(0.0), cotangent, cotangent.zerosLike()));
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
