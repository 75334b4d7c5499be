package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The im2col kernels against a direct reference loop that computes every cell's coordinates from
 * the formula of {@link WindowPlan}: unfold bit for bit (it only copies), fold to the reference's
 * sums in the same order (so also bit for bit), in float64 and float32, over random plans with
 * strides, dilations, padding wider than the kernel's reach, grids that hang over the end (ceil
 * mode) or leave trailing cells unread, and planes narrower than one window.
 */
@PropertyDefaults(tries = 300, edgeCases = EdgeCasesMode.NONE)
class WindowsTest {

    @Property
    void unfoldCopiesTheCellUnderEveryTapOrThePadValueInFloat64(@ForAll("plans") WindowPlan plan,
            @ForAll("planes") int planes, @ForAll("seeds") long seed) {
        double[] x = values(planes * plan.height() * plan.width(), seed);
        double[] cols = new double[planes * plan.taps() * plan.windows()];
        Arrays.fill(cols, Double.NaN); // every element must be written
        Windows.unfold(x, cols, planes, plan, -7.5);
        assertArrayEquals(referenceUnfold(x, planes, plan, -7.5), cols);
    }

    @Property
    void unfoldCopiesTheCellUnderEveryTapOrThePadValueInFloat32(@ForAll("plans") WindowPlan plan,
            @ForAll("planes") int planes, @ForAll("seeds") long seed) {
        double[] x = values(planes * plan.height() * plan.width(), seed);
        float[] xf = toFloats(x);
        float[] cols = new float[planes * plan.taps() * plan.windows()];
        Windows.unfold(xf, cols, planes, plan, Float.NEGATIVE_INFINITY);
        assertArrayEquals(toFloats(referenceUnfold(toDoubles(xf), planes, plan,
                Double.NEGATIVE_INFINITY)), cols);
    }

    @Property
    void foldAddsEveryColumnEntryOntoItsCellInFloat64(@ForAll("plans") WindowPlan plan,
            @ForAll("planes") int planes, @ForAll("seeds") long seed) {
        double[] cols = values(planes * plan.taps() * plan.windows(), seed);
        double[] x = new double[planes * plan.height() * plan.width()];
        Windows.fold(cols, x, planes, plan);
        assertArrayEquals(referenceFold(cols, planes, plan), x);
    }

    /** The float32 sums round once per addition in the same order as the float reference. */
    @Property
    void foldAddsEveryColumnEntryOntoItsCellInFloat32(@ForAll("plans") WindowPlan plan,
            @ForAll("planes") int planes, @ForAll("seeds") long seed) {
        float[] cols = toFloats(values(planes * plan.taps() * plan.windows(), seed));
        float[] x = new float[planes * plan.height() * plan.width()];
        Windows.fold(cols, x, planes, plan);
        assertArrayEquals(referenceFold(cols, planes, plan), x);
    }

    /** Fold is unfold's transpose: {@code <unfold(x), c> = <x, fold(c)>} up to rounding. */
    @Property
    void foldIsTheTransposeOfUnfoldWithZeroPadding(@ForAll("plans") WindowPlan plan,
            @ForAll("planes") int planes, @ForAll("seeds") long seed) {
        double[] x = values(planes * plan.height() * plan.width(), seed);
        double[] c = values(planes * plan.taps() * plan.windows(), seed + 1);
        double[] cols = new double[c.length];
        Windows.unfold(x, cols, planes, plan, 0.0);
        double[] folded = new double[x.length];
        Windows.fold(c, folded, planes, plan);
        double left = 0;
        double right = 0;
        double scale = 0;
        for (int i = 0; i < c.length; i++) {
            left += cols[i] * c[i];
            scale += Math.abs(cols[i] * c[i]);
        }
        for (int i = 0; i < x.length; i++) {
            right += x[i] * folded[i];
        }
        assertEquals(left, right, 1e-12 * (1 + scale));
    }

    /**
     * A 3x3 kernel, stride 2, padding 1 on a 4x5 plane: the grid is 2x3 and tap (0, 0) of window
     * (0, 0) is padding; worked by hand from the formula.
     */
    @Test
    void unfoldOfASmallPlaneMatchesTheHandWorkedColumns() {
        double[] x = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        WindowPlan plan = new WindowPlan(4, 5, 3, 3, 2, 2, 1, 1, 1, 1, 2, 3);
        double[] cols = new double[9 * 6];
        Windows.unfold(x, cols, 1, plan, 0.0);
        // tap (0, 0): rows -1 and 1, columns -1, 1, 3
        assertArrayEquals(new double[] {0, 0, 0, 0, 7, 9}, Arrays.copyOfRange(cols, 0, 6));
        // tap (1, 1): rows 0 and 2, columns 0, 2, 4
        assertArrayEquals(new double[] {1, 3, 5, 11, 13, 15},
                Arrays.copyOfRange(cols, 24, 30));
        // tap (2, 2): rows 1 and 3, columns 1, 3, 5 (past the edge)
        assertArrayEquals(new double[] {7, 9, 0, 17, 19, 0},
                Arrays.copyOfRange(cols, 48, 54));
    }

    static double[] referenceUnfold(double[] x, int planes, WindowPlan p, double padValue) {
        double[] cols = new double[planes * p.taps() * p.windows()];
        int k = 0;
        for (int plane = 0; plane < planes; plane++) {
            for (int i = 0; i < p.kernelHeight(); i++) {
                for (int j = 0; j < p.kernelWidth(); j++) {
                    for (int r = 0; r < p.gridHeight(); r++) {
                        for (int c = 0; c < p.gridWidth(); c++) {
                            int h = r * p.strideHeight() - p.padTop() + i * p.dilationHeight();
                            int w = c * p.strideWidth() - p.padLeft() + j * p.dilationWidth();
                            boolean inside = h >= 0 && h < p.height() && w >= 0 && w < p.width();
                            cols[k++] = inside
                                    ? x[(plane * p.height() + h) * p.width() + w] : padValue;
                        }
                    }
                }
            }
        }
        return cols;
    }

    static double[] referenceFold(double[] cols, int planes, WindowPlan p) {
        double[] x = new double[planes * p.height() * p.width()];
        int k = 0;
        for (int plane = 0; plane < planes; plane++) {
            for (int i = 0; i < p.kernelHeight(); i++) {
                for (int j = 0; j < p.kernelWidth(); j++) {
                    for (int r = 0; r < p.gridHeight(); r++) {
                        for (int c = 0; c < p.gridWidth(); c++) {
                            int h = r * p.strideHeight() - p.padTop() + i * p.dilationHeight();
                            int w = c * p.strideWidth() - p.padLeft() + j * p.dilationWidth();
                            double value = cols[k++];
                            if (h >= 0 && h < p.height() && w >= 0 && w < p.width()) {
                                x[(plane * p.height() + h) * p.width() + w] += value;
                            }
                        }
                    }
                }
            }
        }
        return x;
    }

    static float[] referenceFold(float[] cols, int planes, WindowPlan p) {
        float[] x = new float[planes * p.height() * p.width()];
        int k = 0;
        for (int plane = 0; plane < planes; plane++) {
            for (int i = 0; i < p.kernelHeight(); i++) {
                for (int j = 0; j < p.kernelWidth(); j++) {
                    for (int r = 0; r < p.gridHeight(); r++) {
                        for (int c = 0; c < p.gridWidth(); c++) {
                            int h = r * p.strideHeight() - p.padTop() + i * p.dilationHeight();
                            int w = c * p.strideWidth() - p.padLeft() + j * p.dilationWidth();
                            float value = cols[k++];
                            if (h >= 0 && h < p.height() && w >= 0 && w < p.width()) {
                                x[(plane * p.height() + h) * p.width() + w] += value;
                            }
                        }
                    }
                }
            }
        }
        return x;
    }

    /**
     * Plans on planes of 1 to 7 cells a side: kernel 1 to 4, stride 1 to 3, dilation 1 to 3,
     * padding 0 to 3, and a grid of 1 to 5 windows a side whatever the plane's size (so windows
     * may lie wholly in the padding or beyond the plane).
     */
    @Provide
    Arbitrary<WindowPlan> plans() {
        Arbitrary<Integer> side = Arbitraries.integers().between(1, 7);
        Arbitrary<Integer> kernel = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> stride = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> pad = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> grid = Arbitraries.integers().between(1, 5);
        Arbitrary<int[]> height = Combinators.combine(side, kernel, stride, pad, stride, grid)
                .as((s, k, st, p, d, g) -> new int[] {s, k, st, p, d, g});
        return Combinators.combine(height, height).as((h, w) -> new WindowPlan(h[0], w[0], h[1],
                w[1], h[2], w[2], h[3], w[3], h[4], w[4], h[5], w[5]));
    }

    @Provide
    Arbitrary<Integer> planes() {
        return Arbitraries.integers().between(1, 3);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static double[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble(-3, 3);
        }
        return values;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
