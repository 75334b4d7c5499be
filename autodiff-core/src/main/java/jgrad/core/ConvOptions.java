package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The options of {@link Tensor#conv1d} and {@link Tensor#conv2d} (and of {@link Tensor#unfold}
 * and {@link Tensor#fold}, which take no groups), as PyTorch's {@code torch.nn.functional.conv2d}:
 * {@code stride}, {@code padding} (zeros on both sides of each spatial axis), {@code dilation}
 * (the distance between kernel taps) and {@code groups}. Each of the first three holds one value
 * for every spatial axis or one value per axis ({@code [height, width]} for conv2d).
 *
 * <pre>{@code
 * jshell> ConvOptions.defaults().withStride(2).withPadding(1)
 * $1 ==> ConvOptions[stride=[2], padding=[1], dilation=[1], groups=1]
 * }</pre>
 *
 * @param stride the distance between windows, each at least 1
 * @param padding the zeros added before and after each spatial axis, each at least 0
 * @param dilation the distance between kernel taps, each at least 1
 * @param groups the number of channel groups, at least 1; input and output channels are split
 *     into this many groups and group {@code g} of the output sees group {@code g} of the input
 */
public record ConvOptions(ImmutableIntArray stride, ImmutableIntArray padding,
        ImmutableIntArray dilation, int groups) {

    private static final ConvOptions DEFAULTS = new ConvOptions(
            ImmutableIntArray.of(1), ImmutableIntArray.of(0), ImmutableIntArray.of(1), 1);

    /**
     * @throws IllegalArgumentException if a list is empty or a value is out of range
     */
    public ConvOptions {
        stride = SpatialOptions.check("stride", stride, 1);
        padding = SpatialOptions.check("padding", padding, 0);
        dilation = SpatialOptions.check("dilation", dilation, 1);
        checkArgument(groups >= 1, "conv: groups must be at least 1, got %s", groups);
    }

    /** Stride 1, padding 0, dilation 1, groups 1: PyTorch's defaults. */
    public static ConvOptions defaults() {
        return DEFAULTS;
    }

    /** These options with {@code stride}: one value for every spatial axis, or one per axis. */
    public ConvOptions withStride(int... stride) {
        return new ConvOptions(ImmutableIntArray.copyOf(checkNotNull(stride)), padding, dilation,
                groups);
    }

    /** These options with {@code padding}: one value for every spatial axis, or one per axis. */
    public ConvOptions withPadding(int... padding) {
        return new ConvOptions(stride, ImmutableIntArray.copyOf(checkNotNull(padding)), dilation,
                groups);
    }

    /** These options with {@code dilation}: one value for every spatial axis, or one per axis. */
    public ConvOptions withDilation(int... dilation) {
        return new ConvOptions(stride, padding, ImmutableIntArray.copyOf(checkNotNull(dilation)),
                groups);
    }

    /** These options with {@code groups} channel groups. */
    public ConvOptions withGroups(int groups) {
        return new ConvOptions(stride, padding, dilation, groups);
    }
}
