package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The options of {@link Tensor#convTranspose1d} and {@link Tensor#convTranspose2d}, as PyTorch's
 * {@code torch.nn.functional.conv_transpose2d}: {@code stride}, {@code padding} (the rows and
 * columns removed from each side of the full result: the padding of the convolution this one
 * transposes), {@code outputPadding} (extra rows and columns kept at the end, to pick among the
 * input sizes that a strided convolution maps to one output size), {@code dilation} and {@code
 * groups}. Each of the first four holds one value for every spatial axis or one value per axis.
 *
 * @param stride the distance between the input cells' windows in the output, each at least 1
 * @param padding the cells removed from both ends of each spatial axis, each at least 0
 * @param outputPadding the cells added at the end of each spatial axis, each at least 0 and
 *     smaller than the stride or the dilation of that axis (checked by the operations)
 * @param dilation the distance between kernel taps, each at least 1
 * @param groups the number of channel groups, at least 1
 */
public record ConvTransposeOptions(ImmutableIntArray stride, ImmutableIntArray padding,
        ImmutableIntArray outputPadding, ImmutableIntArray dilation, int groups) {

    private static final ConvTransposeOptions DEFAULTS = new ConvTransposeOptions(
            ImmutableIntArray.of(1), ImmutableIntArray.of(0), ImmutableIntArray.of(0),
            ImmutableIntArray.of(1), 1);

    /**
     * @throws IllegalArgumentException if a list is empty or a value is out of range
     */
    public ConvTransposeOptions {
        stride = SpatialOptions.check("stride", stride, 1);
        padding = SpatialOptions.check("padding", padding, 0);
        outputPadding = SpatialOptions.check("outputPadding", outputPadding, 0);
        dilation = SpatialOptions.check("dilation", dilation, 1);
        checkArgument(groups >= 1, "convTranspose: groups must be at least 1, got %s", groups);
    }

    /** Stride 1, padding 0, output padding 0, dilation 1, groups 1: PyTorch's defaults. */
    public static ConvTransposeOptions defaults() {
        return DEFAULTS;
    }

    /** These options with {@code stride}: one value for every spatial axis, or one per axis. */
    public ConvTransposeOptions withStride(int... stride) {
        return new ConvTransposeOptions(ImmutableIntArray.copyOf(checkNotNull(stride)), padding,
                outputPadding, dilation, groups);
    }

    /** These options with {@code padding}: one value for every spatial axis, or one per axis. */
    public ConvTransposeOptions withPadding(int... padding) {
        return new ConvTransposeOptions(stride, ImmutableIntArray.copyOf(checkNotNull(padding)),
                outputPadding, dilation, groups);
    }

    /** These options with {@code outputPadding}: one value for every axis, or one per axis. */
    public ConvTransposeOptions withOutputPadding(int... outputPadding) {
        return new ConvTransposeOptions(stride, padding,
                ImmutableIntArray.copyOf(checkNotNull(outputPadding)), dilation, groups);
    }

    /** These options with {@code dilation}: one value for every spatial axis, or one per axis. */
    public ConvTransposeOptions withDilation(int... dilation) {
        return new ConvTransposeOptions(stride, padding, outputPadding,
                ImmutableIntArray.copyOf(checkNotNull(dilation)), groups);
    }

    /** These options with {@code groups} channel groups. */
    public ConvTransposeOptions withGroups(int groups) {
        return new ConvTransposeOptions(stride, padding, outputPadding, dilation, groups);
    }
}
