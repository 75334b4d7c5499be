package jgrad.core;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise conversion to {@code dtype}: between float dtypes and from integers it rounds to
 * nearest; from float to integer it truncates toward zero (NaN becomes 0, out-of-range values
 * saturate). Shapes: same as {@code x}.
 *
 * <p>VJP: {@code dx = cast(cotangent, dtype of x)} (identity up to rounding) between float
 * dtypes; a cast to an integer dtype is piecewise constant and its result is never traced.
 *
 * @param dtype the output dtype
 */
public record Cast(DType dtype) implements Primitive {
    public Cast {
        checkNotNull(dtype, "dtype");
    }

    @Override
    public DType outputDtype(List<DType> inputDtypes) {
        return dtype;
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
