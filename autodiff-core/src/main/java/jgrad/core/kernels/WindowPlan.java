package jgrad.core.kernels;

/**
 * The sliding windows of {@link Windows#unfold} and {@link Windows#fold} on a row-major {@code
 * [height, width]} plane: window {@code (r, c)} of the {@code [gridHeight, gridWidth]} grid covers
 * the cells {@code (r * strideHeight - padTop + i * dilationHeight, c * strideWidth - padLeft + j
 * * dilationWidth)} for kernel offsets {@code i < kernelHeight, j < kernelWidth}; cells outside
 * the plane are padding. The grid is given, not derived, so a caller can add windows that hang
 * over the end (ceil mode) or leave trailing cells unread.
 *
 * @param height the plane's height
 * @param width the plane's width
 * @param kernelHeight the window's height in taps
 * @param kernelWidth the window's width in taps
 * @param strideHeight the distance between windows down the plane, at least 1
 * @param strideWidth the distance between windows across the plane, at least 1
 * @param padTop the padding rows before the plane
 * @param padLeft the padding columns before the plane
 * @param dilationHeight the distance between taps down the plane, at least 1
 * @param dilationWidth the distance between taps across the plane, at least 1
 * @param gridHeight the number of windows down the plane
 * @param gridWidth the number of windows across the plane
 */
public record WindowPlan(int height, int width, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padTop, int padLeft, int dilationHeight,
        int dilationWidth, int gridHeight, int gridWidth) {

    /** The number of taps in one window, {@code kernelHeight * kernelWidth}. */
    public int taps() {
        return kernelHeight * kernelWidth;
    }

    /** The number of windows, {@code gridHeight * gridWidth}. */
    public int windows() {
        return gridHeight * gridWidth;
    }

    /** The first grid column whose tap {@code j} reads a cell inside the plane. */
    int firstColumn(int j) {
        int offset = j * dilationWidth - padLeft;
        return offset >= 0 ? 0 : Math.min(gridWidth, Math.floorDiv(-offset + strideWidth - 1,
                strideWidth));
    }

    /** One past the last grid column whose tap {@code j} reads a cell inside the plane. */
    int endColumn(int j) {
        int offset = j * dilationWidth - padLeft;
        int last = width - 1 - offset;
        return last < 0 ? 0 : Math.min(gridWidth, last / strideWidth + 1);
    }
}
