package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Adaptive average pooling to a fixed output size (PyTorch's {@code nn.AdaptiveAvgPool2d}):
 * output cell {@code i} of an axis of length {@code in} averages the input cells {@code
 * floor(i · in / out)} to {@code ceil((i + 1) · in / out)} (exclusive), so any input size gives
 * {@code [outHeight, outWidth]}; {@code (1, 1)} is global average pooling.
 *
 * <p>Shapes: {@code [batch, C, height, width]} (any leading axes) -> {@code [batch, C,
 * outHeight, outWidth]}.
 *
 * <p>Composite: {@link Tensor#adaptiveAvgPool2d(int, int)}, no vjp of its own.
 *
 * @param outHeight the output height, at least 1
 * @param outWidth  the output width, at least 1
 */
public record AdaptiveAvgPool2d(int outHeight, int outWidth) implements Layer {

    /** @throws IllegalArgumentException if a size is below 1 */
    public AdaptiveAvgPool2d {
        checkArgument(outHeight >= 1 && outWidth >= 1, "adaptiveAvgPool2d: output sizes must be"
                + " at least 1, got %s x %s", outHeight, outWidth);
    }

    /** A square output, {@code size × size}. */
    public static AdaptiveAvgPool2d of(int size) {
        return new AdaptiveAvgPool2d(size, size);
    }

    /**
     * The input averaged down to {@code [outHeight, outWidth]}.
     *
     * @throws IllegalArgumentException if the input has rank below 2 or an empty axis
     */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "adaptiveAvgPool2d: input is null");
        return input.adaptiveAvgPool2d(outHeight, outWidth);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public AdaptiveAvgPool2d withParams(Params params) {
        ParamsChecks.checkMatches("adaptiveAvgPool2d", Params.of(), params);
        return this;
    }

    /** {@code AdaptiveAvgPool2d(output_size=[3, 2])}. */
    @Override
    public String toString() {
        return "AdaptiveAvgPool2d(output_size=[" + outHeight + ", " + outWidth + "])";
    }
}
