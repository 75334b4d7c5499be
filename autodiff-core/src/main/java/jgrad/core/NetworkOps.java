package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Pooling and dropout composed from primitives; see the public methods on {@link Tensor} for their
 * contracts. Pooling unfolds the windows of every plane into columns ({@link Unfold}, one pass)
 * and reduces them: {@link ReduceMax} for max pooling (padding made {@code -Inf}), {@link
 * ReduceSum} and a constant divisor for average pooling. Adaptive average pooling is separable,
 * {@code P_h . x . P_w^T} with constant averaging matrices, two batched {@link MatMul}s.
 */
final class NetworkOps {

    private NetworkOps() {}

    /** The original one-dimensional max pooling: no padding, windows that fit. */
    static Tensor maxPool1d(Tensor x, int window, int stride) {
        Shape shape = x.shape();
        int rank = x.rank();
        checkArgument(rank >= 1, "maxPool1d: needs rank >= 1, got shape %s", shape);
        int n = shape.dim(rank - 1);
        checkArgument(window >= 1 && stride >= 1,
                "maxPool1d: window %s and stride %s must be at least 1", window, stride);
        checkArgument(window <= n,
                "maxPool1d: window %s is longer than the last axis (%s) of shape %s",
                window, n, shape);
        return maxPool("maxPool1d", x, MaxPoolOptions.of(window).withStride(stride), 1);
    }

    /**
     * Max pooling over the last {@code axes} (1 or 2) axes of {@code x}; the leading axes are
     * batch and channels.
     */
    static Tensor maxPool(String op, Tensor x, MaxPoolOptions options, int axes) {
        checkNotNull(options, "%s: options", op);
        Geometry g = Geometry.of(op, x, axes, options.kernel(), options.stride(),
                options.padding(), options.dilation(), options.ceilMode());
        Tensor cols = Tensor.apply(new Unfold(g.windows), g.planes(x));
        Tensor penalty = paddingPenalty(g.windows, x.dtype());
        return g.output((penalty == null ? cols : cols.add(penalty)).max(1, false));
    }

    /**
     * {@code [1, taps, windows]}: {@code -Inf} where a window's tap is on padding, {@code -0.0}
     * elsewhere (so {@code x + (-0.0) = x} exactly, signed zeros included); null when no window
     * touches padding. Added to the zero-padded columns, it makes padding lose every window. A
     * constant input rather than a pad value inside {@link Unfold}, so that anomaly mode sees the
     * infinities come from an input and does not report them.
     */
    private static Tensor paddingPenalty(SlidingWindows w, DType dtype) {
        double[] values = new double[w.taps() * w.windows()];
        boolean touches = false;
        int k = 0;
        for (int i = 0; i < w.kernelHeight(); i++) {
            for (int j = 0; j < w.kernelWidth(); j++) {
                for (int r = 0; r < w.gridHeight(); r++) {
                    int h = r * w.strideHeight() - w.padTop() + i * w.dilationHeight();
                    for (int c = 0; c < w.gridWidth(); c++) {
                        int col = c * w.strideWidth() - w.padLeft() + j * w.dilationWidth();
                        boolean inside = h >= 0 && h < w.height() && col >= 0 && col < w.width();
                        values[k++] = inside ? -0.0 : Double.NEGATIVE_INFINITY;
                        touches |= !inside;
                    }
                }
            }
        }
        return touches ? Tensor.of(values, Shape.of(1, w.taps(), w.windows()), dtype) : null;
    }

    /**
     * Average pooling over the last {@code axes} (1 or 2) axes of {@code x}; the leading axes are
     * batch and channels.
     */
    static Tensor avgPool(String op, Tensor x, AvgPoolOptions options, int axes) {
        checkNotNull(options, "%s: options", op);
        Geometry g = Geometry.of(op, x, axes, options.kernel(), options.stride(),
                options.padding(), ImmutableIntArray.of(1),
                options.ceilMode());
        Tensor cols = Tensor.apply(new Unfold(g.windows), g.planes(x));
        return g.output(cols.sum(1, false).div(divisors(g.windows, options, x.dtype())));
    }

    /**
     * Each window's divisor by PyTorch's rule ({@code avg_pool2d}): the window clipped to the
     * padded input, or to the input without {@code countIncludePad}, or the override.
     */
    private static Tensor divisors(SlidingWindows w, AvgPoolOptions options, DType dtype) {
        double[] values = new double[w.windows()];
        for (int r = 0; r < w.gridHeight(); r++) {
            int top = r * w.strideHeight() - w.padTop();
            int bottom = Math.min(top + w.kernelHeight(), w.height() + w.padTop());
            for (int c = 0; c < w.gridWidth(); c++) {
                int left = c * w.strideWidth() - w.padLeft();
                int right = Math.min(left + w.kernelWidth(), w.width() + w.padLeft());
                double divisor;
                if (options.divisorOverride().isPresent()) {
                    divisor = options.divisorOverride().getAsInt();
                } else if (options.countIncludePad()) {
                    divisor = (double) (bottom - top) * (right - left);
                } else {
                    divisor = (double) (Math.min(bottom, w.height()) - Math.max(top, 0))
                            * (Math.min(right, w.width()) - Math.max(left, 0));
                }
                values[r * w.gridWidth() + c] = divisor;
            }
        }
        return Tensor.of(values, Shape.of(values.length), dtype);
    }

    /**
     * Adaptive average pooling of the last {@code size.length} axes to {@code size}: output cell
     * {@code i} of an axis of length {@code in} averages input cells {@code floor(i * in / out)}
     * up to {@code ceil((i + 1) * in / out)} (PyTorch's {@code adaptive_avg_pool2d}).
     */
    static Tensor adaptiveAvgPool(String op, Tensor x, int... size) {
        int axes = size.length;
        checkArgument(x.rank() >= axes, "%s: needs rank >= %s, got shape %s", op, axes,
                x.shape());
        for (int d = 0; d < axes; d++) {
            int in = x.shape().dim(x.rank() - axes + d);
            checkArgument(size[d] >= 1, "%s: output size %s must be at least 1",
                    op, Arrays.toString(size));
            checkArgument(in >= 1, "%s: input %s has an empty spatial axis", op, x.shape());
        }
        int width = x.shape().dim(-1);
        Tensor y = x.matmul(averagingMatrix(width, size[axes - 1], false, x.dtype()));
        if (axes == 2) {
            int height = x.shape().dim(-2);
            y = averagingMatrix(height, size[0], true, x.dtype()).matmul(y);
        }
        return y;
    }

    /**
     * {@code [in, out]} whose column {@code i} averages adaptive window {@code i}, or its
     * transpose {@code [out, in]} when {@code rows}.
     */
    private static Tensor averagingMatrix(int in, int out, boolean rows, DType dtype) {
        double[] values = new double[in * out];
        for (int i = 0; i < out; i++) {
            int start = (int) ((long) i * in / out);
            int end = (int) (((long) (i + 1) * in + out - 1) / out);
            for (int j = start; j < end; j++) {
                values[rows ? i * in + j : j * out + i] = 1.0 / (end - start);
            }
        }
        return Tensor.of(values, rows ? Shape.of(out, in) : Shape.of(in, out), dtype);
    }

    static Tensor dropout(Tensor x, double p, boolean training, RandomGenerator rng) {
        checkArgument(p >= 0 && p <= 1, "dropout: p must lie in [0, 1], got %s", p);
        checkNotNull(rng, "dropout: rng");
        if (!training || p == 0) {
            return x;
        }
        return keep(x, p, Tensor.bernoulli(x.shape(), 1 - p, x.dtype(), rng));
    }

    static Tensor dropout(Tensor x, double p, Tensor keepMask) {
        checkArgument(p >= 0 && p <= 1, "dropout: p must lie in [0, 1], got %s", p);
        checkNotNull(keepMask, "dropout: keepMask");
        checkArgument(keepMask.shape().broadcastsTo(x.shape()),
                "dropout: keepMask %s does not broadcast to the input %s", keepMask.shape(),
                x.shape());
        double[] values = keepMask.toArray();
        for (int i = 0; i < values.length; i++) {
            checkArgument(values[i] == 0 || values[i] == 1,
                    "dropout: keepMask holds %s at index %s; only 0 (drop) and 1 (keep)",
                    (Object) values[i], i);
        }
        return keep(x, p, keepMask.cast(x.dtype()).broadcastTo(x.shape()).stopGradient());
    }

    /**
     * {@code where(keep, x / (1 - p), 0)}: dropped elements are exactly 0 with gradient 0, even
     * where {@code x} is infinite or NaN; {@code p = 1} drops everything without forming {@code
     * 1 / 0}.
     */
    private static Tensor keep(Tensor x, double p, Tensor keep) {
        Tensor zeros = x.zerosLike();
        if (p == 1) {
            return Tensor.where(zeros, x, zeros);
        }
        return Tensor.where(keep, x.mul(1 / (1 - p)), zeros);
    }

    /**
     * The windows of a pooling over the last {@code axes} axes, and the reshapes around them: the
     * leading axes become planes of one channel.
     */
    private static final class Geometry {
        final SlidingWindows windows;
        final int[] leading;
        final int axes;

        private Geometry(SlidingWindows windows, int[] leading, int axes) {
            this.windows = windows;
            this.leading = leading;
            this.axes = axes;
        }

        static Geometry of(String op, Tensor x, int axes,
                ImmutableIntArray kernelOption,
                ImmutableIntArray strideOption,
                ImmutableIntArray paddingOption,
                ImmutableIntArray dilationOption,
                boolean ceilMode) {
            Shape shape = x.shape();
            checkArgument(x.rank() >= axes, "%s: needs rank >= %s (the leading axes are batch"
                    + " and channels), got shape %s", op, axes, shape);
            int[] kernel = SpatialOptions.perAxis(op, "kernel", kernelOption, axes);
            int[] stride = strideOption.length() == 0 ? kernel
                    : SpatialOptions.perAxis(op, "stride", strideOption, axes);
            int[] padding = SpatialOptions.perAxis(op, "padding", paddingOption, axes);
            int[] dilation = SpatialOptions.perAxis(op, "dilation", dilationOption, axes);
            int[] in = Arrays.copyOfRange(shape.toArray(), x.rank() - axes, x.rank());
            int[] grid = new int[axes];
            for (int d = 0; d < axes; d++) {
                checkArgument(padding[d] <= kernel[d] / 2,
                        "%s: padding %s must be at most half the kernel %s",
                        op, Arrays.toString(padding), Arrays.toString(kernel));
                grid[d] = outputSize(op, shape, in[d], kernel[d], stride[d], padding[d],
                        dilation[d], ceilMode);
            }
            int[] leading = Arrays.copyOf(shape.toArray(), x.rank() - axes);
            SlidingWindows windows = axes == 1
                    ? new SlidingWindows(1, in[0], 1, kernel[0], 1, stride[0], 0, padding[0], 1,
                            dilation[0], 1, grid[0])
                    : new SlidingWindows(in[0], in[1], kernel[0], kernel[1], stride[0],
                            stride[1], padding[0], padding[1], dilation[0], dilation[1], grid[0],
                            grid[1]);
            return new Geometry(windows, leading, axes);
        }

        /** {@code x} as planes {@code [leading, 1, height, width]}. */
        Tensor planes(Tensor x) {
            return x.reshape(Shape.of(leading).size(), 1, windows.height(), windows.width());
        }

        /** Pooled values {@code [leading, windows]} back to {@code [..leading, ..grid]}. */
        Tensor output(Tensor pooled) {
            int[] dims = Arrays.copyOf(leading, leading.length + axes);
            if (axes == 1) {
                dims[leading.length] = windows.gridWidth();
            } else {
                dims[leading.length] = windows.gridHeight();
                dims[leading.length + 1] = windows.gridWidth();
            }
            return pooled.reshape(dims);
        }
    }

    /**
     * PyTorch's pooling output size: {@code floor} (or {@code ceil} in ceil mode) of {@code (in +
     * 2 * padding - dilation * (kernel - 1) - 1) / stride}, plus 1; in ceil mode a last window
     * that would start past the input and its left padding is dropped.
     */
    private static int outputSize(String op, Shape shape, int in, int kernel, int stride,
            int padding, int dilation, boolean ceilMode) {
        long numerator = (long) in + 2L * padding - (long) dilation * (kernel - 1) - 1
                + (ceilMode ? stride - 1 : 0);
        long out = Math.floorDiv(numerator, (long) stride) + 1;
        if (ceilMode && (out - 1) * stride >= in + (long) padding) {
            out--;
        }
        checkArgument(out >= 1, "%s: input %s is too small for kernel %s with dilation %s and"
                + " padding %s (output size %s)", op, shape, kernel, dilation, padding, out);
        return (int) out;
    }
}
