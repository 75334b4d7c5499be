package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Convolution composed from {@link Unfold}/{@link Fold}, {@link MatMul} and reshapes, so that it
 * runs as one (batched) matrix product per call; see the public methods on {@link Tensor} for the
 * contracts.
 *
 * <p>Convolution: the columns {@code unfold(x) [batch, channels * taps, windows]} times the
 * weight seen as {@code [out, channels * taps]} (per group: {@code [groups, out / groups,
 * channels / groups * taps]} against the columns seen as {@code [batch, groups, channels / groups
 * * taps, windows]}, whose rows are grouped by channel already). Transposed convolution: the
 * weight transposed in place ({@code MatMul}'s flag) times the input gives the columns, which
 * {@link Fold} adds onto the output; it is the vjp of convolution with respect to its input.
 */
final class ConvolutionOps {

    private ConvolutionOps() {}

    static Tensor unfold(Tensor x, int kernelHeight, int kernelWidth, ConvOptions options) {
        checkNotNull(options, "unfold: options");
        checkArgument(x.rank() == 4,
                "unfold: input [batch, channels, height, width] expected, got %s", x.shape());
        checkArgument(kernelHeight >= 1 && kernelWidth >= 1,
                "unfold: kernel %s x %s must be at least 1 x 1", kernelHeight, kernelWidth);
        checkArgument(options.groups() == 1, "unfold: takes no groups, got %s", options.groups());
        SlidingWindows windows = SlidingWindows.of("unfold", x.shape().dim(2),
                x.shape().dim(3), new int[] {kernelHeight, kernelWidth},
                SpatialOptions.perAxis("unfold", "stride", options.stride(), 2),
                SpatialOptions.perAxis("unfold", "padding", options.padding(), 2),
                SpatialOptions.perAxis("unfold", "dilation", options.dilation(), 2));
        return Tensor.apply(new Unfold(windows), x);
    }

    static Tensor fold(Tensor cols, int height, int width, int kernelHeight, int kernelWidth,
            ConvOptions options) {
        checkNotNull(options, "fold: options");
        checkArgument(cols.rank() == 3,
                "fold: input [batch, channels * taps, windows] expected, got %s", cols.shape());
        checkArgument(kernelHeight >= 1 && kernelWidth >= 1 && height >= 0 && width >= 0,
                "fold: kernel %s x %s must be at least 1 x 1 and output %s x %s not negative",
                kernelHeight, kernelWidth, height, width);
        checkArgument(options.groups() == 1, "fold: takes no groups, got %s", options.groups());
        SlidingWindows windows = SlidingWindows.of("fold", height, width,
                new int[] {kernelHeight, kernelWidth},
                SpatialOptions.perAxis("fold", "stride", options.stride(), 2),
                SpatialOptions.perAxis("fold", "padding", options.padding(), 2),
                SpatialOptions.perAxis("fold", "dilation", options.dilation(), 2));
        int taps = windows.taps();
        checkArgument(cols.shape().dim(1) % taps == 0 && cols.shape().dim(2) == windows.windows(),
                "fold: input [batch, channels * %s taps, %s windows] expected for output %s x %s"
                        + " (a %s x %s grid of windows), got %s", taps, windows.windows(),
                height, width, windows.gridHeight(), windows.gridWidth(), cols.shape());
        return Tensor.apply(new Fold(windows), cols);
    }

    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, ConvOptions options) {
        String op = "conv2d";
        checkNotNull(weight, "conv2d: weight is null");
        checkNotNull(options, "conv2d: options");
        checkArgument(x.rank() == 4,
                "conv2d: input [batch, channels, height, width] expected, got %s", x.shape());
        checkArgument(weight.rank() == 4, "conv2d: weight [outChannels, inChannels / groups,"
                + " kernelHeight, kernelWidth] expected, got %s", weight.shape());
        return convolve(op, x, weight, bias,
                SpatialOptions.perAxis(op, "stride", options.stride(), 2),
                SpatialOptions.perAxis(op, "padding", options.padding(), 2),
                SpatialOptions.perAxis(op, "dilation", options.dilation(), 2),
                options.groups(), x.shape(), weight.shape());
    }

    static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, ConvOptions options) {
        String op = "conv1d";
        checkNotNull(weight, "conv1d: weight is null");
        checkNotNull(options, "conv1d: options");
        checkArgument(x.rank() == 3,
                "conv1d: input [batch, channels, length] expected, got %s", x.shape());
        checkArgument(weight.rank() == 3, "conv1d: weight [outChannels, inChannels / groups,"
                + " kernel] expected, got %s", weight.shape());
        int[] s = x.shape().toArray();
        int[] k = weight.shape().toArray();
        Tensor y = convolve(op, x.reshape(s[0], s[1], 1, s[2]), weight.reshape(k[0], k[1], 1, k[2]),
                bias, new int[] {1, SpatialOptions.perAxis(op, "stride", options.stride(), 1)[0]},
                new int[] {0, SpatialOptions.perAxis(op, "padding", options.padding(), 1)[0]},
                new int[] {1, SpatialOptions.perAxis(op, "dilation", options.dilation(), 1)[0]},
                options.groups(), x.shape(), weight.shape());
        return y.reshape(s[0], k[0], y.shape().dim(3));
    }

    /**
     * {@code x [n, c, h, w]} convolved with {@code weight [out, c / groups, kh, kw]}; errors name
     * {@code op} and the caller's shapes {@code xShape} and {@code weightShape}.
     */
    private static Tensor convolve(String op, Tensor x, Tensor weight, Tensor bias, int[] stride,
            int[] padding, int[] dilation, int groups, Shape xShape, Shape weightShape) {
        checkArgument(x.dtype() == weight.dtype(), "%s: dtypes differ (input %s, weight %s);"
                + " cast explicitly", op, x.dtype(), weight.dtype());
        int[] in = x.shape().toArray();
        int[] w = weight.shape().toArray();
        int channels = in[1];
        int out = w[0];
        checkArgument(channels % groups == 0 && out % groups == 0,
                "%s: groups %s must divide the input channels (%s, input %s) and the output"
                        + " channels (%s, weight %s)", op, groups, channels, xShape, out,
                weightShape);
        checkArgument(w[1] * groups == channels,
                "%s: weight %s takes %s input channels per group, so %s with groups %s; input %s"
                        + " has %s", op, weightShape, w[1], w[1] * groups, groups, xShape,
                channels);
        checkBias(op, bias, out, x, weightShape);
        checkReach(op, new int[] {in[2], in[3]}, new int[] {w[2], w[3]}, padding, dilation, xShape,
                weightShape);
        SlidingWindows windows = SlidingWindows.of(op, in[2], in[3], new int[] {w[2], w[3]},
                stride, padding, dilation);
        int n = in[0];
        int rows = w[1] * windows.taps();
        int columns = windows.windows();
        boolean pointwise = windows.taps() == 1 && stride[0] == 1 && stride[1] == 1
                && padding[0] == 0 && padding[1] == 0;
        Tensor cols = pointwise ? x.reshape(n, channels, columns)
                : Tensor.apply(new Unfold(windows), x);
        Tensor y = groups == 1
                ? Tensor.apply(new MatMul(), weight.reshape(out, rows), cols)
                : Tensor.apply(new MatMul(), weight.reshape(groups, out / groups, rows),
                        cols.reshape(n, groups, rows, columns));
        y = y.reshape(n, out, windows.gridHeight(), windows.gridWidth());
        return bias == null ? y : y.add(bias.reshape(out, 1, 1));
    }

    static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias,
            ConvTransposeOptions options) {
        String op = "convTranspose2d";
        checkNotNull(weight, "convTranspose2d: weight is null");
        checkNotNull(options, "convTranspose2d: options");
        checkArgument(x.rank() == 4, "convTranspose2d: input [batch, channels, height, width]"
                + " expected, got %s", x.shape());
        checkArgument(weight.rank() == 4, "convTranspose2d: weight [inChannels, outChannels /"
                + " groups, kernelHeight, kernelWidth] expected, got %s", weight.shape());
        return convolveTransposed(op, x, weight, bias,
                SpatialOptions.perAxis(op, "stride", options.stride(), 2),
                SpatialOptions.perAxis(op, "padding", options.padding(), 2),
                SpatialOptions.perAxis(op, "outputPadding", options.outputPadding(), 2),
                SpatialOptions.perAxis(op, "dilation", options.dilation(), 2),
                options.groups(), x.shape(), weight.shape());
    }

    static Tensor convTranspose1d(Tensor x, Tensor weight, Tensor bias,
            ConvTransposeOptions options) {
        String op = "convTranspose1d";
        checkNotNull(weight, "convTranspose1d: weight is null");
        checkNotNull(options, "convTranspose1d: options");
        checkArgument(x.rank() == 3,
                "convTranspose1d: input [batch, channels, length] expected, got %s", x.shape());
        checkArgument(weight.rank() == 3, "convTranspose1d: weight [inChannels, outChannels /"
                + " groups, kernel] expected, got %s", weight.shape());
        int[] s = x.shape().toArray();
        int[] k = weight.shape().toArray();
        Tensor y = convolveTransposed(op, x.reshape(s[0], s[1], 1, s[2]),
                weight.reshape(k[0], k[1], 1, k[2]), bias,
                new int[] {1, SpatialOptions.perAxis(op, "stride", options.stride(), 1)[0]},
                new int[] {0, SpatialOptions.perAxis(op, "padding", options.padding(), 1)[0]},
                new int[] {0, SpatialOptions.perAxis(op, "outputPadding",
                        options.outputPadding(), 1)[0]},
                new int[] {1, SpatialOptions.perAxis(op, "dilation", options.dilation(), 1)[0]},
                options.groups(), x.shape(), weight.shape());
        return y.reshape(s[0], y.shape().dim(1), y.shape().dim(3));
    }

    /**
     * {@code x [n, cin, h, w]} transposed-convolved with {@code weight [cin, cout / groups, kh,
     * kw]}: the columns {@code weight^T . x} (per group) folded onto the output.
     */
    private static Tensor convolveTransposed(String op, Tensor x, Tensor weight, Tensor bias,
            int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups,
            Shape xShape, Shape weightShape) {
        checkArgument(x.dtype() == weight.dtype(), "%s: dtypes differ (input %s, weight %s);"
                + " cast explicitly", op, x.dtype(), weight.dtype());
        int[] in = x.shape().toArray();
        int[] w = weight.shape().toArray();
        int channels = in[1];
        checkArgument(w[0] == channels, "%s: weight %s takes %s input channels, input %s has %s",
                op, weightShape, w[0], xShape, channels);
        checkArgument(channels % groups == 0, "%s: groups %s must divide the input channels (%s,"
                + " input %s)", op, groups, channels, xShape);
        int out = w[1] * groups;
        checkBias(op, bias, out, x, weightShape);
        int[] size = new int[2];
        for (int d = 0; d < 2; d++) {
            checkArgument(outputPadding[d] < stride[d] || outputPadding[d] < dilation[d],
                    "%s: output padding %s must be smaller than the stride %s or the dilation %s",
                    op, outputPadding[d], stride[d], dilation[d]);
            long length = (long) (in[d + 2] - 1) * stride[d] - 2L * padding[d]
                    + (long) dilation[d] * (w[d + 2] - 1) + outputPadding[d] + 1;
            checkArgument(length > 0 && length <= Integer.MAX_VALUE,
                    "%s: output size %s is not positive for input %s, weight %s, stride %s,"
                            + " padding %s, dilation %s", op, length, xShape, weightShape,
                    stride[d], padding[d], dilation[d]);
            size[d] = (int) length;
        }
        SlidingWindows windows = new SlidingWindows(size[0], size[1], w[2], w[3], stride[0],
                stride[1], padding[0], padding[1], dilation[0], dilation[1], in[2], in[3]);
        int n = in[0];
        int rows = w[1] * windows.taps();
        int columns = in[2] * in[3];
        Tensor cols = groups == 1
                ? Tensor.apply(new MatMul(true, false), weight.reshape(channels, rows),
                        x.reshape(n, channels, columns))
                : Tensor.apply(new MatMul(true, false),
                        weight.reshape(groups, channels / groups, rows),
                        x.reshape(n, groups, channels / groups, columns))
                        .reshape(n, groups * rows, columns);
        Tensor y = Tensor.apply(new Fold(windows), cols);
        return bias == null ? y : y.add(bias.reshape(out, 1, 1));
    }

    private static void checkBias(String op, Tensor bias, int out, Tensor x, Shape weightShape) {
        if (bias != null) {
            checkArgument(bias.shape().equals(Shape.of(out)),
                    "%s: bias [%s] expected for weight %s, got %s", op, out, weightShape,
                    bias.shape());
            checkArgument(bias.dtype() == x.dtype(), "%s: dtypes differ (input %s, bias %s);"
                    + " cast explicitly", op, x.dtype(), bias.dtype());
        }
    }

    /** The kernel's reach {@code dilation * (kernel - 1) + 1} must fit the padded input. */
    private static void checkReach(String op, int[] in, int[] kernel, int[] padding,
            int[] dilation, Shape xShape, Shape weightShape) {
        for (int d = 0; d < in.length; d++) {
            long reach = (long) dilation[d] * (kernel[d] - 1) + 1;
            checkArgument(reach <= in[d] + 2L * padding[d],
                    "%s: the kernel (weight %s, dilation %s) reaches %s cells, more than the"
                            + " padded input (%s + 2 * %s) of input %s", op, weightShape,
                    dilation[d], reach, in[d], padding[d], xShape);
        }
    }
}
