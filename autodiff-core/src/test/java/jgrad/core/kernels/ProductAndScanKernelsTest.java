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
 * The minimum and product reductions and the running sums and products, for every dtype, against
 * direct references: the reductions over any set of axes (run as {@link ReducePlan} steps), the
 * scans along one axis in both directions. Minima and integer results exactly, float64 products
 * to rounding (the order of multiplications differs across steps), float32 equal to the float64
 * reference rounded once (scans, one-step products) or within the rounding of each step.
 */
@PropertyDefaults(tries = 300, edgeCases = EdgeCasesMode.NONE)
class ProductAndScanKernelsTest {

    /** A shape of rank 0 to 4 (dimensions 0 to 6) and a sorted set of its axes. */
    @Provide
    Arbitrary<int[][]> shapesAndAxes() {
        return Arbitraries.integers().between(0, 6).array(int[].class).ofMinSize(0).ofMaxSize(4)
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

    /** A shape of rank 1 to 4 (dimensions 0 to 6) and one of its axes. */
    @Provide
    Arbitrary<int[][]> shapesAndAxis() {
        return Arbitraries.integers().between(0, 6).array(int[].class).ofMinSize(1).ofMaxSize(4)
                .flatMap(dims -> Arbitraries.integers().between(0, dims.length - 1)
                        .map(axis -> new int[][] {dims, {axis}}));
    }

    @Property
    void minimaMatchTheReferenceExactlyWithNaNWinning(
            @ForAll("shapesAndAxes") int[][] shapeAndAxes) {
        int[] dims = shapeAndAxes[0];
        int[] axes = shapeAndAxes[1];
        for (int axis : axes) {
            if (dims[axis] == 0) {
                return; // min has no identity: refused before the kernel
            }
        }
        double[] x = ElementwiseKernelsTest.values(ElementwiseKernelsTest.size(dims), 21);
        double[] got = x;
        float[] got32 = ElementwiseKernelsTest.toFloats(x);
        int[] gotInts = ints(x);
        long[] gotLongs = Arrays.stream(gotInts).asLongStream().toArray();
        for (ReducePlan step : ReducePlan.steps(dims, axes)) {
            got = DoubleKernels.min(got, step);
            got32 = FloatKernels.min(got32, step);
            gotInts = IntegerKernels.min(gotInts, step);
            gotLongs = IntegerKernels.min(gotLongs, step);
        }
        double[] expected = reduce(x, dims, axes, Reduction.MIN);
        assertArrayEquals(expected, got, 0.0);
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], got32[i], 0.0f);
        }
        double[] expectedInts = reduce(doubles(ints(x)), dims, axes, Reduction.MIN);
        assertArrayEquals(expectedInts, doubles(gotInts), 0.0);
        assertArrayEquals(expectedInts, Arrays.stream(gotLongs).asDoubleStream().toArray(), 0.0);
    }

    @Property
    void productsMatchTheReference(@ForAll("shapesAndAxes") int[][] shapeAndAxes) {
        int[] dims = shapeAndAxes[0];
        int[] axes = shapeAndAxes[1];
        double[] x = ElementwiseKernelsTest.values(ElementwiseKernelsTest.size(dims), 23);
        double[] got = x;
        double[] floats = ElementwiseKernelsTest.floats(x);
        float[] got32 = ElementwiseKernelsTest.toFloats(floats);
        int[] smallInts = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            // -1, 0 or 1, so that products of up to 6^4 elements fit in int32
            smallInts[i] = Double.isNaN(x[i]) ? 1 : (int) Math.signum(x[i]);
        }
        int[] gotInts = smallInts;
        long[] gotLongs = Arrays.stream(smallInts).asLongStream().toArray();
        ReducePlan[] steps = ReducePlan.steps(dims, axes);
        for (ReducePlan step : steps) {
            got = DoubleKernels.prod(got, step);
            got32 = FloatKernels.prod(got32, step);
            gotInts = IntegerKernels.prod(gotInts, step);
            gotLongs = IntegerKernels.prod(gotLongs, step);
        }
        double[] expected = reduce(x, dims, axes, Reduction.PROD);
        double[] expected32 = reduce(floats, dims, axes, Reduction.PROD);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertEquals(Double.NaN, got[i], "float64 at " + i);
                assertEquals(Float.NaN, got32[i], "float32 at " + i);
                continue;
            }
            assertEquals(expected[i], got[i], 1e-13 * Math.abs(expected[i]), "float64 at " + i);
            // One float32 rounding per step, each of relative size 2^-24 of an intermediate
            // product (or an absolute 2^-150 among subnormals), one more in the rounded reference,
            // and a factor 2 for the relative errors compounding through later steps' products;
            // beyond float32's range, the overflow that rounding gives.
            assertEquals((float) expected32[i], got32[i], (2 * steps.length + 1)
                    * (0x1p-24 * Math.abs(expected32[i]) + Float.MIN_VALUE), "float32 at " + i);
        }
        double[] expectedInts = reduce(doubles(smallInts), dims, axes, Reduction.PROD);
        assertArrayEquals(expectedInts, doubles(gotInts), 0.0);
        assertArrayEquals(expectedInts, Arrays.stream(gotLongs).asDoubleStream().toArray(), 0.0);
    }

    @Property
    void runningSumsAndProductsMatchTheReferenceInBothDirections(
            @ForAll("shapesAndAxis") int[][] shapeAndAxis, @ForAll boolean reverse,
            @ForAll boolean product) {
        int[] dims = shapeAndAxis[0];
        int axis = shapeAndAxis[1][0];
        ReducePlan plan = ReducePlan.steps(dims, new int[] {axis})[0];
        double[] x = ElementwiseKernelsTest.values(ElementwiseKernelsTest.size(dims), 29);
        double[] expected = scan(x, plan, reverse, product);
        double[] got = product ? DoubleKernels.cumprod(x, plan, reverse)
                : DoubleKernels.cumsum(x, plan, reverse);
        assertArrayEquals(expected, got, 0.0, Arrays.toString(dims) + " axis " + axis);

        double[] floats = ElementwiseKernelsTest.floats(x);
        float[] x32 = ElementwiseKernelsTest.toFloats(floats);
        float[] got32 = product ? FloatKernels.cumprod(x32, plan, reverse)
                : FloatKernels.cumsum(x32, plan, reverse);
        double[] expected32 = scan(floats, plan, reverse, product);
        for (int i = 0; i < got32.length; i++) {
            assertEquals((float) expected32[i], got32[i], 0.0f, "float32 at " + i);
        }

        int[] ints = ints(x);
        double[] expectedInts = scan(doubles(ints), plan, reverse, product);
        assertArrayEquals(expectedInts, doubles(IntegerKernels.scan(ints, plan, reverse, product)),
                0.0);
        long[] longs = Arrays.stream(ints).asLongStream().toArray();
        assertArrayEquals(expectedInts, Arrays.stream(IntegerKernels.scan(longs, plan, reverse,
                product)).asDoubleStream().toArray(), 0.0);
    }

    @Test
    void int32ProductsAndRunningResultsThatOverflowAreRefused() {
        ReducePlan all = new ReducePlan(1, 2, 1);
        ArithmeticException product = assertThrows(ArithmeticException.class,
                () -> IntegerKernels.prod(new int[] {65536, 65536}, all));
        assertEquals("prod: 4294967296 does not fit in int32; cast to int64 first",
                product.getMessage());
        assertThrows(ArithmeticException.class,
                () -> IntegerKernels.scan(new int[] {Integer.MAX_VALUE, 1}, all, false, false));
        assertThrows(ArithmeticException.class,
                () -> IntegerKernels.scan(new int[] {65536, 65536}, all, true, true));
        // A zero after an int64 overflow still makes the product exactly 0.
        int[] big = new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0};
        assertArrayEquals(new int[] {0}, IntegerKernels.prod(big, new ReducePlan(1, 4, 1)));
        // int64 wraps, as Java's long arithmetic does.
        assertArrayEquals(new long[] {Long.MIN_VALUE},
                IntegerKernels.prod(new long[] {1L << 62, 2}, all));
    }

    @Test
    void theProductOfNoElementsIsOne() {
        ReducePlan none = new ReducePlan(2, 0, 3);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, DoubleKernels.prod(new double[0], none),
                0.0);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, FloatKernels.prod(new float[0], none),
                0.0f);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, IntegerKernels.prod(new int[0], none));
    }

    @Test
    void runningSumsKeepTheSignOfALeadingNegativeZero() {
        ReducePlan plan = new ReducePlan(1, 2, 1);
        double[] got = DoubleKernels.cumsum(new double[] {-0.0, -0.0}, plan, false);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(got[0]));
        float[] got32 = FloatKernels.cumsum(new float[] {-0.0f, 1f}, plan, false);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(got32[0]));
    }

    private enum Reduction { MIN, PROD }

    /** The reduction by visiting every element and combining it into its output position. */
    private static double[] reduce(double[] x, int[] dims, int[] axes, Reduction reduction) {
        boolean[] reduced = new boolean[dims.length];
        for (int axis : axes) {
            reduced[axis] = true;
        }
        int outSize = 1;
        for (int d = 0; d < dims.length; d++) {
            outSize *= reduced[d] ? 1 : dims[d];
        }
        double[] out = new double[outSize];
        Arrays.fill(out, reduction == Reduction.MIN ? Double.POSITIVE_INFINITY : 1.0);
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
            if (reduction == Reduction.PROD) {
                out[target] *= x[i];
            } else if (Double.isNaN(x[i]) || x[i] < out[target]) {
                out[target] = Double.isNaN(out[target]) ? out[target] : x[i];
            }
        }
        return out;
    }

    /** The running sums or products by their definition: each from its own loop over the axis. */
    private static double[] scan(double[] x, ReducePlan plan, boolean reverse, boolean product) {
        int n = plan.reduced();
        int inner = plan.inner();
        double[] out = new double[x.length];
        for (int o = 0; o < plan.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                for (int k = 0; k < n; k++) {
                    int from = reverse ? n - 1 : 0;
                    double acc = x[(o * n + from) * inner + i];
                    for (int j = from; j != k; ) {
                        j += reverse ? -1 : 1;
                        double v = x[(o * n + j) * inner + i];
                        acc = product ? acc * v : acc + v;
                    }
                    out[(o * n + k) * inner + i] = acc;
                }
            }
        }
        return out;
    }

    /** Small integers for the integer kernels: the sign of each value times 1 or 2 (NaN as 1). */
    private static int[] ints(double[] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Double.isNaN(x[i]) ? 1 : (int) Math.round(x[i]);
        }
        return out;
    }

    private static double[] doubles(int[] x) {
        return Arrays.stream(x).asDoubleStream().toArray();
    }
}
