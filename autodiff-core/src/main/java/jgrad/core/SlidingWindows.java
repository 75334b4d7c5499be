package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import jgrad.core.kernels.WindowPlan;

/**
 * The sliding windows of {@link Unfold} and {@link Fold} on a {@code [height, width]} plane:
 * window {@code (r, c)} of the {@code [gridHeight, gridWidth]} grid covers the cells {@code (r *
 * strideHeight - padTop + i * dilationHeight, c * strideWidth - padLeft + j * dilationWidth)} for
 * kernel offsets {@code i < kernelHeight, j < kernelWidth}; cells outside the plane are padding.
 *
 * <p>The grid is part of the geometry rather than derived from it: PyTorch's size rule {@code
 * floor((in + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1} ({@link #of}) gives it for
 * convolution, pooling's ceil mode adds a window that hangs over the end, and a transposed
 * convolution's output padding leaves trailing cells that no window reaches. One-dimensional
 * operations use a plane of height 1.
 *
 * @param height the plane's height, at least 0
 * @param width the plane's width, at least 0
 * @param kernelHeight the window's height in taps, at least 1
 * @param kernelWidth the window's width in taps, at least 1
 * @param strideHeight the distance between windows down the plane, at least 1
 * @param strideWidth the distance between windows across the plane, at least 1
 * @param padTop the padding rows before the plane, at least 0
 * @param padLeft the padding columns before the plane, at least 0
 * @param dilationHeight the distance between taps down the plane, at least 1
 * @param dilationWidth the distance between taps across the plane, at least 1
 * @param gridHeight the number of windows down the plane, at least 0
 * @param gridWidth the number of windows across the plane, at least 0
 */
public record SlidingWindows(int height, int width, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padTop, int padLeft, int dilationHeight,
        int dilationWidth, int gridHeight, int gridWidth) {

    /**
     * @throws IllegalArgumentException if a component is outside its range, naming them all
     */
    public SlidingWindows {
        checkArgument(height >= 0 && width >= 0 && kernelHeight >= 1 && kernelWidth >= 1
                && strideHeight >= 1 && strideWidth >= 1 && padTop >= 0 && padLeft >= 0
                && dilationHeight >= 1 && dilationWidth >= 1 && gridHeight >= 0
                && gridWidth >= 0, "slidingWindows: components out of range: %s",
                Arrays.toString(new int[] {height, width, kernelHeight, kernelWidth,
                        strideHeight, strideWidth, padTop, padLeft, dilationHeight,
                        dilationWidth, gridHeight, gridWidth}));
    }

    /**
     * The windows of a convolution by PyTorch's rule: padding on both sides of each axis, and
     * {@code floor((in + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1} windows along
     * it (the windows that fit; trailing cells that none reaches are never read).
     *
     * @throws IllegalArgumentException if no window fits along an axis (the kernel's reach {@code
     *     dilation * (kernel - 1) + 1} exceeds the padded input), naming {@code op} and the values
     */
    static SlidingWindows of(String op, int height, int width, int[] kernel, int[] stride,
            int[] padding, int[] dilation) {
        int[] grid = new int[2];
        int[] in = {height, width};
        for (int d = 0; d < 2; d++) {
            long reach = (long) dilation[d] * (kernel[d] - 1) + 1;
            long padded = in[d] + 2L * padding[d];
            checkArgument(reach <= padded,
                    "%s: the kernel's reach %s (kernel %s, dilation %s) exceeds the padded input"
                            + " %s (size %s, padding %s on each side)",
                    op, reach, kernel[d], dilation[d], padded, in[d], padding[d]);
            grid[d] = (int) ((padded - reach) / stride[d] + 1);
        }
        return new SlidingWindows(height, width, kernel[0], kernel[1], stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1], grid[0], grid[1]);
    }

    /** The number of taps in one window, {@code kernelHeight * kernelWidth}. */
    public int taps() {
        return kernelHeight * kernelWidth;
    }

    /** The number of windows, {@code gridHeight * gridWidth}. */
    public int windows() {
        return gridHeight * gridWidth;
    }

    WindowPlan plan() {
        return new WindowPlan(height, width, kernelHeight, kernelWidth, strideHeight,
                strideWidth, padTop, padLeft, dilationHeight, dilationWidth, gridHeight,
                gridWidth);
    }
}
