package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.AvgPoolOptions;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Two-dimensional average pooling as a layer without parameters (PyTorch's {@code
 * nn.AvgPool2d}): each output cell is the mean of its window over the last two axes, with kernel,
 * stride (default: the kernel), zero padding, ceil mode, {@code countIncludePad} and a divisor
 * override from {@link AvgPoolOptions}.
 *
 * <p>Shapes: {@code [batch, C, height, width]} (any leading axes) -> {@code [batch, C, oh, ow]},
 * {@code oh = floor((height + 2p - k) / s) + 1}.
 *
 * <p>Composite: {@link Tensor#avgPool2d(AvgPoolOptions)}, no vjp of its own.
 *
 * @param options kernel, stride, padding, ceil mode, divisor
 */
public record AvgPool2d(AvgPoolOptions options) implements Layer {

    /** @throws NullPointerException if {@code options} is null */
    public AvgPool2d {
        checkNotNull(options, "avgPool2d: options is null");
    }

    /** A {@code kernel × kernel} window moving by {@code kernel}: {@code nn.AvgPool2d(kernel)}. */
    public static AvgPool2d of(int kernel) {
        return new AvgPool2d(AvgPoolOptions.of(kernel));
    }

    /**
     * The mean of each window. Shapes: {@code [..., height, width]} -> {@code [..., oh, ow]}.
     *
     * @throws IllegalArgumentException if the input is too small for one window
     */
    @Override
    public Tensor apply(Tensor input) {
        return checkNotNull(input, "avgPool2d: input is null").avgPool2d(options);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public AvgPool2d withParams(Params params) {
        ParamsChecks.checkMatches("avgPool2d", Params.of(), params);
        return this;
    }

    /** {@code AvgPool2d(kernel_size=[2, 2], stride=[2, 2], padding=[0, 0])}. */
    @Override
    public String toString() {
        return "AvgPool2d(kernel_size=" + Convolutions.perAxis(options.kernel(), 2) + ", stride="
                + Convolutions.perAxis(options.stride().isEmpty() ? options.kernel()
                        : options.stride(), 2)
                + ", padding=" + Convolutions.perAxis(options.padding(), 2) + ")";
    }
}
