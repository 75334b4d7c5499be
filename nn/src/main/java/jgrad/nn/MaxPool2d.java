package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.MaxPoolOptions;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Two-dimensional max pooling as a layer without parameters (PyTorch's {@code nn.MaxPool2d}):
 * each output cell is the maximum of its window over the last two axes, with kernel, stride
 * (default: the kernel), padding, dilation and ceil mode from {@link MaxPoolOptions}.
 *
 * <p>Shapes: {@code [batch, C, height, width]} (any leading axes) -> {@code [batch, C, oh, ow]},
 * {@code oh = floor((height + 2p - d (k - 1) - 1) / s) + 1}. The gradient goes to each window's
 * largest element; tied elements share it equally (jgrad's max convention; PyTorch gives it all
 * to the first), and overlapping windows add up.
 *
 * <p>Composite: {@link Tensor#maxPool2d(MaxPoolOptions)}, no vjp of its own.
 *
 * @param options kernel, stride, padding, dilation and ceil mode
 */
public record MaxPool2d(MaxPoolOptions options) implements Layer {

    /** @throws NullPointerException if {@code options} is null */
    public MaxPool2d {
        checkNotNull(options, "maxPool2d: options is null");
    }

    /** A {@code kernel × kernel} window moving by {@code kernel}: {@code nn.MaxPool2d(kernel)}. */
    public static MaxPool2d of(int kernel) {
        return new MaxPool2d(MaxPoolOptions.of(kernel));
    }

    /**
     * The maximum of each window. Shapes: {@code [..., height, width]} -> {@code [..., oh, ow]}.
     *
     * @throws IllegalArgumentException if the input is too small for one window
     */
    @Override
    public Tensor apply(Tensor input) {
        return checkNotNull(input, "maxPool2d: input is null").maxPool2d(options);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public MaxPool2d withParams(Params params) {
        ParamsChecks.checkMatches("maxPool2d", Params.of(), params);
        return this;
    }

    /** {@code MaxPool2d(kernel_size=[2, 2], stride=[2, 2], padding=[0, 0])}. */
    @Override
    public String toString() {
        return "MaxPool2d(kernel_size=" + Convolutions.perAxis(options.kernel(), 2) + ", stride="
                + Convolutions.perAxis(options.stride().isEmpty() ? options.kernel()
                        : options.stride(), 2)
                + ", padding=" + Convolutions.perAxis(options.padding(), 2)
                + (options.ceilMode() ? ", ceil_mode=true" : "") + ")";
    }
}
