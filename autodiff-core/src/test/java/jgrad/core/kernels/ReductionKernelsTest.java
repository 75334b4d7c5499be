package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Reductions over any set of axes, run as {@link ReducePlan} steps (one contiguous block of axes
 * each, the last block first), against a direct reference that visits every element and adds it
 * to its output position. Sums agree to rounding (the order of additions differs); maxima, and
 * sums of small integers, exactly.
 */
@PropertyDefaults(tries = 300, edgeCases = EdgeCasesMode.NONE)
class ReductionKernelsTest {

    /** A shape of rank 0 to 4 (dimensions 0 to 7) and a sorted set of its axes. */
    @Provide
    Arbitrary<int[][]> shapesAndAxes() {
        return Arbitraries.integers().between(0, 7).array(int[].class).ofMinSize(0).ofMaxSize(4)
                .flatMap(dims -> Arbitraries.integers().between(0, (1 << dims.length) - 1)
                        .map(mask -> {
                            TreeSet<Integer> axes = new TreeSet<>();
                            for (int d = 0; d < dims.length; d++) {
                                if ((mask & (1 << d)) != 0) {
                                    axes.add(d);
                                }
                            }
                            return new int[][] {dims,
                                    axes.stream().mapToInt(Integer::intValue).toArray()};
                        }));
    }

    @Property
    void sumsMatchTheReference(@ForAll("shapesAndAxes") int[][] shapeAndAxes) {
        int[] dims = shapeAndAxes[0];
        int[] axes = shapeAndAxes[1];
        double[] x = ElementwiseKernelsTest.values(ElementwiseKernelsTest.size(dims), 11);
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.isNaN(x[i]) ? 0.5 : x[i];
        }
        double[] expected = reference(x, dims, axes, false);
        double[] got = x;
        double[] floats = ElementwiseKernelsTest.floats(x);
        float[] got32 = ElementwiseKernelsTest.toFloats(floats);
        double[] expected32 = reference(floats, dims, axes, false);
        int[] current = dims;
        ReducePlan[] plan = ReducePlan.steps(dims, axes);
        int steps = plan.length;
        for (ReducePlan step : plan) {
            got = DoubleKernels.sum(got, step);
            got32 = FloatKernels.sum(got32, step);
        }
        assertEquals(expected.length, got.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-12 * (1 + Math.abs(expected[i])),
                    Arrays.toString(dims) + " over " + Arrays.toString(axes));
            // float32 sums accumulate in float64 and round once per step: within an ulp of the
            // float64 sum when one step does it, plus 2^-24 of the magnitudes summed per
            // further step.
            double magnitude = Arrays.stream(floats).map(Math::abs).sum();
            assertEquals(expected32[i], got32[i],
                    Math.ulp((float) expected32[i]) + 0x1p-24 * magnitude * Math.max(0, steps - 1));
        }
        if (current.length == 0 && axes.length == 0) {
            assertArrayEquals(x, got, 0.0);
        }
    }

    @Property
    void maximaMatchTheReferenceExactlyWithNaNWinning(
            @ForAll("shapesAndAxes") int[][] shapeAndAxes) {
        int[] dims = shapeAndAxes[0];
        int[] axes = shapeAndAxes[1];
        for (int axis : axes) {
            if (dims[axis] == 0) {
                return; // max has no identity: refused before the kernel
            }
        }
        double[] x = ElementwiseKernelsTest.values(ElementwiseKernelsTest.size(dims), 13);
        double[] got = x;
        for (ReducePlan step : ReducePlan.steps(dims, axes)) {
            got = DoubleKernels.max(got, step);
        }
        assertArrayEquals(reference(x, dims, axes, true), got, 0.0);
    }

    @Test
    void int32SumsThatOverflowAreRefused() {
        ReducePlan all = new ReducePlan(1, 2, 1);
        assertEquals(-2, IntegerKernels.sum(new int[] {-1, -1}, all)[0]);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> IntegerKernels.sum(new int[] {Integer.MAX_VALUE, 1}, all));
        assertEquals("sum: 2147483648 does not fit in int32; cast to int64 first", e.getMessage());
    }

    @Test
    void axesInSeveralBlocksRunLastBlockFirst() {
        ReducePlan[] steps = ReducePlan.steps(new int[] {2, 3, 4, 5}, new int[] {0, 2, 3});
        assertEquals(2, steps.length);
        assertEquals(new ReducePlan(6, 20, 1), steps[0]);
        assertEquals(new ReducePlan(1, 2, 3), steps[1]);
    }

    private static double[] reference(double[] x, int[] dims, int[] axes, boolean max) {
        boolean[] reduced = new boolean[dims.length];
        for (int axis : axes) {
            reduced[axis] = true;
        }
        int outSize = 1;
        for (int d = 0; d < dims.length; d++) {
            outSize *= reduced[d] ? 1 : dims[d];
        }
        double[] out = new double[outSize];
        if (max) {
            Arrays.fill(out, Double.NEGATIVE_INFINITY);
        }
        int[] index = new int[dims.length];
        for (int i = 0; i < x.length; i++) {
            int rest = i;
            for (int d = dims.length - 1; d >= 0; d--) {
                index[d] = rest % dims[d];
                rest /= dims[d];
            }
            int target = 0;
            for (int d = 0; d < dims.length; d++) {
                if (!reduced[d]) {
                    target = target * dims[d] + index[d];
                }
            }
            if (max) {
                if (x[i] > out[target] || Double.isNaN(x[i])) {
                    out[target] = Double.isNaN(out[target]) ? out[target] : x[i];
                }
            } else {
                out[target] += x[i];
            }
        }
        return out;
    }
}
