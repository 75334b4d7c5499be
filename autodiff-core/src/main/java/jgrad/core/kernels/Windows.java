package jgrad.core.kernels;

import java.util.Arrays;

/**
 * The sliding-window kernels behind convolution and pooling (im2col and col2im, PyTorch's {@code
 * torch.nn.functional.unfold} and {@code fold}): for each of {@code planes} consecutive {@code
 * [height, width]} planes (batch times channels), {@link #unfold} copies the cells under every
 * window of a {@link WindowPlan} into the columns of a {@code [taps, windows]} block, and {@link
 * #fold} adds such columns back onto the plane. Row {@code i * kernelWidth + j} of a block holds
 * tap {@code (i, j)} of every window in grid order, so for {@code C} channels the blocks of one
 * sample form PyTorch's {@code [C * kernelHeight * kernelWidth, windows]} matrix.
 *
 * <p>Each row is a run of the plane's row read with the window stride: the range of windows whose
 * tap falls inside the plane is computed once per tap, so the inner loops have no bounds tests
 * (a plain copy when the stride is 1). Fold is the transpose of unfold, {@code <unfold(x), c> =
 * <x, fold(c)>}: where windows overlap it adds their contributions.
 */
public final class Windows {

    private Windows() {}

    /**
     * {@code cols[plane, tap, window] = x[plane, cell(tap, window)]}, or {@code padValue} where the
     * cell is padding. Shapes: {@code x [planes, height, width]}, {@code cols [planes, taps,
     * windows]}; every element of {@code cols} is written.
     */
    public static void unfold(double[] x, double[] cols, int planes, WindowPlan plan,
            double padValue) {
        int planeSize = plan.height() * plan.width();
        int windows = plan.windows();
        int gridWidth = plan.gridWidth();
        int strideWidth = plan.strideWidth();
        for (int plane = 0; plane < planes; plane++) {
            int xBase = plane * planeSize;
            int colBase = plane * plan.taps() * windows;
            for (int i = 0; i < plan.kernelHeight(); i++) {
                for (int j = 0; j < plan.kernelWidth(); j++) {
                    int row = colBase + (i * plan.kernelWidth() + j) * windows;
                    int first = plan.firstColumn(j);
                    int end = Math.max(first, plan.endColumn(j));
                    int columnOffset = j * plan.dilationWidth() - plan.padLeft();
                    for (int r = 0; r < plan.gridHeight(); r++) {
                        int h = r * plan.strideHeight() - plan.padTop() + i * plan.dilationHeight();
                        int out = row + r * gridWidth;
                        if (h < 0 || h >= plan.height()) {
                            Arrays.fill(cols, out, out + gridWidth, padValue);
                            continue;
                        }
                        Arrays.fill(cols, out, out + first, padValue);
                        Arrays.fill(cols, out + end, out + gridWidth, padValue);
                        int source = xBase + h * plan.width() + columnOffset;
                        if (strideWidth == 1) {
                            if (end > first) { // arraycopy checks its offsets even for length 0
                                System.arraycopy(x, source + first, cols, out + first,
                                        end - first);
                            }
                        } else {
                            for (int c = first; c < end; c++) {
                                cols[out + c] = x[source + c * strideWidth];
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@link #unfold(double[], double[], int, WindowPlan, double)} for float32. */
    public static void unfold(float[] x, float[] cols, int planes, WindowPlan plan,
            float padValue) {
        int planeSize = plan.height() * plan.width();
        int windows = plan.windows();
        int gridWidth = plan.gridWidth();
        int strideWidth = plan.strideWidth();
        for (int plane = 0; plane < planes; plane++) {
            int xBase = plane * planeSize;
            int colBase = plane * plan.taps() * windows;
            for (int i = 0; i < plan.kernelHeight(); i++) {
                for (int j = 0; j < plan.kernelWidth(); j++) {
                    int row = colBase + (i * plan.kernelWidth() + j) * windows;
                    int first = plan.firstColumn(j);
                    int end = Math.max(first, plan.endColumn(j));
                    int columnOffset = j * plan.dilationWidth() - plan.padLeft();
                    for (int r = 0; r < plan.gridHeight(); r++) {
                        int h = r * plan.strideHeight() - plan.padTop() + i * plan.dilationHeight();
                        int out = row + r * gridWidth;
                        if (h < 0 || h >= plan.height()) {
                            Arrays.fill(cols, out, out + gridWidth, padValue);
                            continue;
                        }
                        Arrays.fill(cols, out, out + first, padValue);
                        Arrays.fill(cols, out + end, out + gridWidth, padValue);
                        int source = xBase + h * plan.width() + columnOffset;
                        if (strideWidth == 1) {
                            if (end > first) { // arraycopy checks its offsets even for length 0
                                System.arraycopy(x, source + first, cols, out + first,
                                        end - first);
                            }
                        } else {
                            for (int c = first; c < end; c++) {
                                cols[out + c] = x[source + c * strideWidth];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code x[plane, cell] += cols[plane, tap, window]} over every {@code (tap, window)} whose
     * cell is inside the plane; entries on padding are dropped. Shapes: {@code cols [planes, taps,
     * windows]}, {@code x [planes, height, width]}, which the caller zero-fills.
     */
    public static void fold(double[] cols, double[] x, int planes, WindowPlan plan) {
        int planeSize = plan.height() * plan.width();
        int windows = plan.windows();
        int gridWidth = plan.gridWidth();
        int strideWidth = plan.strideWidth();
        for (int plane = 0; plane < planes; plane++) {
            int xBase = plane * planeSize;
            int colBase = plane * plan.taps() * windows;
            for (int i = 0; i < plan.kernelHeight(); i++) {
                for (int j = 0; j < plan.kernelWidth(); j++) {
                    int row = colBase + (i * plan.kernelWidth() + j) * windows;
                    int first = plan.firstColumn(j);
                    int end = plan.endColumn(j);
                    int columnOffset = j * plan.dilationWidth() - plan.padLeft();
                    for (int r = 0; r < plan.gridHeight(); r++) {
                        int h = r * plan.strideHeight() - plan.padTop() + i * plan.dilationHeight();
                        if (h < 0 || h >= plan.height()) {
                            continue;
                        }
                        int in = row + r * gridWidth;
                        int target = xBase + h * plan.width() + columnOffset;
                        if (strideWidth == 1) {
                            for (int c = first; c < end; c++) {
                                x[target + c] += cols[in + c];
                            }
                        } else {
                            for (int c = first; c < end; c++) {
                                x[target + c * strideWidth] += cols[in + c];
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@link #fold(double[], double[], int, WindowPlan)} for float32. */
    public static void fold(float[] cols, float[] x, int planes, WindowPlan plan) {
        int planeSize = plan.height() * plan.width();
        int windows = plan.windows();
        int gridWidth = plan.gridWidth();
        int strideWidth = plan.strideWidth();
        for (int plane = 0; plane < planes; plane++) {
            int xBase = plane * planeSize;
            int colBase = plane * plan.taps() * windows;
            for (int i = 0; i < plan.kernelHeight(); i++) {
                for (int j = 0; j < plan.kernelWidth(); j++) {
                    int row = colBase + (i * plan.kernelWidth() + j) * windows;
                    int first = plan.firstColumn(j);
                    int end = plan.endColumn(j);
                    int columnOffset = j * plan.dilationWidth() - plan.padLeft();
                    for (int r = 0; r < plan.gridHeight(); r++) {
                        int h = r * plan.strideHeight() - plan.padTop() + i * plan.dilationHeight();
                        if (h < 0 || h >= plan.height()) {
                            continue;
                        }
                        int in = row + r * gridWidth;
                        int target = xBase + h * plan.width() + columnOffset;
                        if (strideWidth == 1) {
                            for (int c = first; c < end; c++) {
                                x[target + c] += cols[in + c];
                            }
                        } else {
                            for (int c = first; c < end; c++) {
                                x[target + c * strideWidth] += cols[in + c];
                            }
                        }
                    }
                }
            }
        }
    }
}
