package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise selection, {@code y = mask != 0 ? a : b}, of three equal shapes.
 * {@link Tensor#where(Tensor, Tensor, Tensor)} broadcasts first.
 *
 * <p>VJP: {@code da = where(mask, cotangent, 0), db = where(mask, 0, cotangent)}; the mask gets
 * none. The unselected branch receives exact zeros, and because zero cotangents are strong it
 * adds nothing even where its own derivative is infinite (PyTorch issue #68425).
 */
public record Where() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.sameShapes("where", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.where(inputs.get(0), inputs.get(1), inputs.get(2));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor mask = inputs.get(0);
        Tensor zero = cotangent.zerosLike();
        // A traced mask (relu's vjp reads relu's output; a user may pass any tensor) gets zeros:
        // where is piecewise constant in its mask.
        return ImmutableList.of(mask.isTraced() ? mask.zerosLike() : Cotangents.UNUSED,
                inputs.get(1).isTraced() ? Tensor.where(mask, cotangent, zero) : Cotangents.UNUSED,
                inputs.get(2).isTraced() ? Tensor.where(mask, zero, cotangent) : Cotangents.UNUSED);
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
