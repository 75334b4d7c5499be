package jgrad.core;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise conversion to {@code dtype}, rounding to nearest. Shapes: same as {@code x}.
 *
 * <p>VJP: {@code dx = cast(cotangent, dtype of x)} (identity up to rounding).
 *
 * @param dtype the output dtype
 */
public record Cast(DType dtype) implements Primitive {
    public Cast {
        checkNotNull(dtype, "dtype");
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.cast(inputs.get(0), dtype);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.cast(inputs.get(0).dtype()));
    }
}
