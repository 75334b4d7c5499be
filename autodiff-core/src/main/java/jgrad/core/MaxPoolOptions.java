package jgrad.core;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The options of {@link Tensor#maxPool1d(MaxPoolOptions)} and {@link Tensor#maxPool2d}, as
 * PyTorch's {@code torch.nn.functional.max_pool2d}: the window ({@code kernel}), {@code stride}
 * (by default the kernel), {@code padding} ({@code -Inf} on both sides, so padding never wins a
 * window; at most half the kernel), {@code dilation} and {@code ceilMode} (count a last window
 * that hangs over the end, if it starts inside the input or the left padding). Each list holds
 * one value for every spatial axis or one value per axis.
 *
 * <pre>{@code
 * jshell> MaxPoolOptions.of(3).withStride(2).withPadding(1)
 * }</pre>
 *
 * @param kernel the window size, each at least 1
 * @param stride the distance between windows, each at least 1; empty means the kernel
 * @param padding the {@code -Inf} cells on both ends of each axis, each at least 0
 * @param dilation the distance between the window's taps, each at least 1
 * @param ceilMode whether the output size rounds up rather than down
 */
public record MaxPoolOptions(ImmutableIntArray kernel, ImmutableIntArray stride,
        ImmutableIntArray padding, ImmutableIntArray dilation, boolean ceilMode) {

    /**
     * @throws IllegalArgumentException if a list other than {@code stride} is empty or a value
     *     is out of range
     */
    public MaxPoolOptions {
        kernel = SpatialOptions.check("kernel", kernel, 1);
        stride = checkNotNull(stride, "stride").length() == 0 ? stride
                : SpatialOptions.check("stride", stride, 1);
        padding = SpatialOptions.check("padding", padding, 0);
        dilation = SpatialOptions.check("dilation", dilation, 1);
    }

    /** A window of {@code kernel} (one value, or one per axis); stride = kernel, no padding. */
    public static MaxPoolOptions of(int... kernel) {
        return new MaxPoolOptions(ImmutableIntArray.copyOf(checkNotNull(kernel)),
                ImmutableIntArray.of(), ImmutableIntArray.of(0), ImmutableIntArray.of(1), false);
    }

    /** These options with {@code stride}: one value for every spatial axis, or one per axis. */
    public MaxPoolOptions withStride(int... stride) {
        return new MaxPoolOptions(kernel, ImmutableIntArray.copyOf(checkNotNull(stride)),
                padding, dilation, ceilMode);
    }

    /** These options with {@code padding}: one value for every spatial axis, or one per axis. */
    public MaxPoolOptions withPadding(int... padding) {
        return new MaxPoolOptions(kernel, stride, ImmutableIntArray.copyOf(checkNotNull(padding)),
                dilation, ceilMode);
    }

    /** These options with {@code dilation}: one value for every spatial axis, or one per axis. */
    public MaxPoolOptions withDilation(int... dilation) {
        return new MaxPoolOptions(kernel, stride, padding,
                ImmutableIntArray.copyOf(checkNotNull(dilation)), ceilMode);
    }

    /** These options with {@code ceilMode}. */
    public MaxPoolOptions withCeilMode(boolean ceilMode) {
        return new MaxPoolOptions(kernel, stride, padding, dilation, ceilMode);
    }
}
