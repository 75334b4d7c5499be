package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import java.util.OptionalInt;

/**
 * The options of {@link Tensor#avgPool1d} and {@link Tensor#avgPool2d}, as PyTorch's {@code
 * torch.nn.functional.avg_pool2d}: the window ({@code kernel}), {@code stride} (by default the
 * kernel), {@code padding} (zeros on both sides, at most half the kernel), {@code ceilMode} (count
 * a last window that hangs over the end, if it starts inside the input or the left padding),
 * {@code countIncludePad} (whether padding cells count in a window's divisor; PyTorch's default
 * {@code true}) and {@code divisorOverride} (a fixed divisor for every window). Each list holds
 * one value for every spatial axis or one value per axis.
 *
 * <p>The divisor of a window, as PyTorch: with {@code divisorOverride}, that value; else with
 * {@code countIncludePad}, the number of its cells inside the padded input (a ceil-mode window
 * that hangs past the right padding counts only up to it); else the number of its cells inside
 * the input.
 *
 * @param kernel the window size, each at least 1
 * @param stride the distance between windows, each at least 1; empty means the kernel
 * @param padding the zero cells on both ends of each axis, each at least 0
 * @param ceilMode whether the output size rounds up rather than down
 * @param countIncludePad whether padding cells count in the divisor
 * @param divisorOverride the divisor of every window, at least 1, if present
 */
public record AvgPoolOptions(ImmutableIntArray kernel, ImmutableIntArray stride,
        ImmutableIntArray padding, boolean ceilMode, boolean countIncludePad,
        OptionalInt divisorOverride) {

    /**
     * @throws IllegalArgumentException if a list other than {@code stride} is empty or a value
     *     is out of range
     */
    public AvgPoolOptions {
        kernel = SpatialOptions.check("kernel", kernel, 1);
        stride = checkNotNull(stride, "stride").length() == 0 ? stride
                : SpatialOptions.check("stride", stride, 1);
        padding = SpatialOptions.check("padding", padding, 0);
        checkNotNull(divisorOverride, "divisorOverride");
        checkArgument(divisorOverride.orElse(1) >= 1,
                "avgPool: divisorOverride must be at least 1, got %s", divisorOverride);
    }

    /**
     * A window of {@code kernel} (one value, or one per axis); stride = kernel, no padding, floor
     * mode, padding counted (PyTorch's defaults).
     */
    public static AvgPoolOptions of(int... kernel) {
        return new AvgPoolOptions(ImmutableIntArray.copyOf(checkNotNull(kernel)),
                ImmutableIntArray.of(), ImmutableIntArray.of(0), false, true, OptionalInt.empty());
    }

    /** These options with {@code stride}: one value for every spatial axis, or one per axis. */
    public AvgPoolOptions withStride(int... stride) {
        return new AvgPoolOptions(kernel, ImmutableIntArray.copyOf(checkNotNull(stride)),
                padding, ceilMode, countIncludePad, divisorOverride);
    }

    /** These options with {@code padding}: one value for every spatial axis, or one per axis. */
    public AvgPoolOptions withPadding(int... padding) {
        return new AvgPoolOptions(kernel, stride, ImmutableIntArray.copyOf(checkNotNull(padding)),
                ceilMode, countIncludePad, divisorOverride);
    }

    /** These options with {@code ceilMode}. */
    public AvgPoolOptions withCeilMode(boolean ceilMode) {
        return new AvgPoolOptions(kernel, stride, padding, ceilMode, countIncludePad,
                divisorOverride);
    }

    /** These options with {@code countIncludePad}. */
    public AvgPoolOptions withCountIncludePad(boolean countIncludePad) {
        return new AvgPoolOptions(kernel, stride, padding, ceilMode, countIncludePad,
                divisorOverride);
    }

    /** These options with every window divided by {@code divisor}. */
    public AvgPoolOptions withDivisorOverride(int divisor) {
        return new AvgPoolOptions(kernel, stride, padding, ceilMode, countIncludePad,
                OptionalInt.of(divisor));
    }
}
