package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The typed elementwise kernels against the scalar references {@link UnaryOp#apply} and {@link
 * BinaryOp#apply}: float64 bit for bit; float32 equal to the float64 reference rounded once
 * (IEEE 754 arithmetic in float rounds exactly as double-then-round for {@code + - * /}, and the
 * other functions are computed in double); integers exactly. Broadcast operands are read in place
 * through a {@link BroadcastPlan}, checked against an explicit index computation for random shape
 * pairs including sizes 0 and 1, odd sizes and non-multiples of any vector width.
 */
@PropertyDefaults(tries = 300, edgeCases = EdgeCasesMode.NONE)
class ElementwiseKernelsTest {

    /**
     * Triples {@code (a, b, out)}: shapes of rank 0 to 4 with dimensions 0 to 9, where each axis
     * of {@code a} or {@code b} may be 1 and {@code a} may lack leading axes, and {@code out} is
     * their NumPy broadcast.
     */
    @Provide
    Arbitrary<int[][]> broadcastShapes() {
        Arbitrary<int[]> dims = Arbitraries.integers().between(0, 9).array(int[].class)
                .ofMinSize(0).ofMaxSize(4);
        return dims.flatMap(full -> Arbitraries.integers().between(0, 2).array(int[].class)
                .ofSize(full.length).flatMap(modes -> Arbitraries.integers()
                        .between(0, full.length).map(drop -> {
                            int[] a = full.clone();
                            int[] b = full.clone();
                            for (int d = 0; d < full.length; d++) {
                                if (modes[d] == 1) {
                                    a[d] = 1;
                                } else if (modes[d] == 2) {
                                    b[d] = 1;
                                }
                            }
                            a = Arrays.copyOfRange(a, drop, a.length);
                            return new int[][] {a, b, broadcast(a, b)};
                        })));
    }

    private static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int da = d < rank - a.length ? 1 : a[d - (rank - a.length)];
            int db = d < rank - b.length ? 1 : b[d - (rank - b.length)];
            out[d] = da == 1 ? db : da;
        }
        return out;
    }

    @Property
    void float64BinaryKernelsMatchTheReferenceUnderBroadcasting(
            @ForAll("broadcastShapes") int[][] shapes, @ForAll("binaryOps") BinaryOp op) {
        double[] a = values(size(shapes[0]), 1);
        double[] b = values(size(shapes[1]), 2);
        double[] out = new double[size(shapes[2])];
        DoubleKernels.binary(op, a, b, out, BroadcastPlan.of(shapes[0], shapes[1], shapes[2]));
        double[] expected = reference(op, a, shapes[0], b, shapes[1], shapes[2]);
        assertArrayEquals(expected, out, 0.0, op + " " + Arrays.deepToString(shapes));
    }

    @Property
    void float32BinaryKernelsRoundTheFloat64ReferenceOnce(
            @ForAll("broadcastShapes") int[][] shapes, @ForAll("binaryOps") BinaryOp op) {
        double[] a = floats(values(size(shapes[0]), 3));
        double[] b = floats(values(size(shapes[1]), 4));
        float[] out = new float[size(shapes[2])];
        FloatKernels.binary(op, toFloats(a), toFloats(b), out,
                BroadcastPlan.of(shapes[0], shapes[1], shapes[2]));
        double[] expected = reference(op, a, shapes[0], b, shapes[1], shapes[2]);
        for (int i = 0; i < out.length; i++) {
            assertEquals((float) expected[i], out[i], 0.0f, op + " at " + i);
        }
    }

    @Property
    void integerBinaryKernelsMatchTheReference(@ForAll("broadcastShapes") int[][] shapes,
            @ForAll("integerOps") BinaryOp op) {
        double[] a = integers(size(shapes[0]), 5);
        double[] b = integers(size(shapes[1]), 6);
        int[] out32 = new int[size(shapes[2])];
        long[] out64 = new long[size(shapes[2])];
        BroadcastPlan plan = BroadcastPlan.of(shapes[0], shapes[1], shapes[2]);
        IntegerKernels.binary(op, toInts(a), toInts(b), out32, plan);
        IntegerKernels.binary(op, toLongs(a), toLongs(b), out64, plan);
        double[] expected = reference(op, a, shapes[0], b, shapes[1], shapes[2]);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out32[i], 0.0, op + " int32 at " + i);
            assertEquals(expected[i], out64[i], 0.0, op + " int64 at " + i);
        }
    }

    @Property
    void unaryKernelsMatchTheReference(@ForAll("unaryOps") UnaryOp op,
            @ForAll("lengths") int n) {
        double[] x = values(n, 7);
        double[] out = new double[n];
        DoubleKernels.unary(op, x, out);
        float[] out32 = new float[n];
        double[] x32 = floats(x);
        FloatKernels.unary(op, toFloats(x32), out32);
        for (int i = 0; i < n; i++) {
            assertEquals(op.apply(x[i]), out[i], 0.0, op + " float64 at " + x[i]);
            assertEquals((float) op.apply(x32[i]), out32[i], 0.0f, op + " float32 at " + x32[i]);
        }
    }

    @Test
    void reluKeepsNaNAndSignedZero() {
        double[] out = new double[4];
        DoubleKernels.unary(UnaryOp.RELU, new double[] {Double.NaN, -0.0, -2, 3}, out);
        assertArrayEquals(new double[] {Double.NaN, -0.0, 0, 3}, out, 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out[1]));
    }

    /** Values whose bit patterns stress the branch-free relu and where: signs, zeros, NaNs. */
    @Provide
    Arbitrary<Double> awkward() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, Double.NaN,
                Double.longBitsToDouble(0xfff8000000000001L), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, (double) Float.MIN_VALUE, (double) -Float.MIN_VALUE, 1.0, -1.0),
                Arbitraries.doubles().between(-1e6, 1e6));
    }

    /** relu and where as branch-free bit selections agree bit for bit with the plain ternary. */
    @Property
    void branchFreeReluAndWhereMatchTheTernaryBitForBit(@ForAll("awkward") double m,
            @ForAll("awkward") double a, @ForAll("awkward") double b) {
        double[] x = {m, a, b};
        double[] relu = new double[3];
        DoubleKernels.unary(UnaryOp.RELU, x, relu);
        float[] x32 = {(float) m, (float) a, (float) b};
        float[] relu32 = new float[3];
        FloatKernels.unary(UnaryOp.RELU, x32, relu32);
        for (int i = 0; i < 3; i++) {
            assertEquals(Double.doubleToRawLongBits(x[i] < 0 ? 0.0 : x[i]),
                    Double.doubleToRawLongBits(relu[i]), "relu at " + x[i]);
            assertEquals(Float.floatToRawIntBits(x32[i] < 0 ? 0f : x32[i]),
                    Float.floatToRawIntBits(relu32[i]), "float relu at " + x32[i]);
        }
        double[] out = new double[1];
        DoubleKernels.where(new double[] {m}, new double[] {a}, new double[] {b}, out);
        assertEquals(Double.doubleToRawLongBits(m != 0 ? a : b),
                Double.doubleToRawLongBits(out[0]));
        float[] out32 = new float[1];
        FloatKernels.where(new float[] {(float) m}, new float[] {(float) a},
                new float[] {(float) b}, out32);
        assertEquals(Float.floatToRawIntBits((float) m != 0 ? (float) a : (float) b),
                Float.floatToRawIntBits(out32[0]));
    }

    @Test
    void integerNegationAndReluWrapAsJavaDoes() {
        int[] out = new int[3];
        IntegerKernels.unary(UnaryOp.NEG, new int[] {Integer.MIN_VALUE, -3, 4}, out);
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 3, -4}, out);
        IntegerKernels.unary(UnaryOp.RELU, new int[] {-1, 0, 5}, out);
        assertArrayEquals(new int[] {0, 0, 5}, out);
    }

    @Test
    void aBiasRowIsOneRunPerBatchRow() {
        BroadcastPlan plan = BroadcastPlan.of(new int[] {4, 3}, new int[] {3}, new int[] {4, 3});
        assertEquals(3, plan.inner());
        assertEquals(4, plan.runs());
        assertEquals(1, plan.bInner());
        assertArrayEquals(new int[] {0}, plan.bStrides());
        BroadcastPlan equal = BroadcastPlan.of(new int[] {2, 3, 5}, new int[] {2, 3, 5},
                new int[] {2, 3, 5});
        assertEquals(30, equal.inner());
        assertEquals(1, equal.runs());
    }

    @Provide
    Arbitrary<BinaryOp> binaryOps() {
        return Arbitraries.of(BinaryOp.class);
    }

    @Provide
    Arbitrary<BinaryOp> integerOps() {
        return Arbitraries.of(BinaryOp.class).filter(BinaryOp::hasIntegerKernel);
    }

    @Provide
    Arbitrary<UnaryOp> unaryOps() {
        return Arbitraries.of(UnaryOp.class);
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(0, 70);
    }

    /** The broadcast by explicit index arithmetic: the definition the plan must agree with. */
    static double[] reference(BinaryOp op, double[] a, int[] aShape, double[] b, int[] bShape,
            int[] out) {
        double[] result = new double[size(out)];
        int[] index = new int[out.length];
        for (int i = 0; i < result.length; i++) {
            int rest = i;
            for (int d = out.length - 1; d >= 0; d--) {
                index[d] = rest % out[d];
                rest /= out[d];
            }
            result[i] = op.apply(a[flat(index, aShape)], b[flat(index, bShape)]);
        }
        return result;
    }

    private static int flat(int[] index, int[] shape) {
        int offset = index.length - shape.length;
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + (shape[d] == 1 ? 0 : index[d + offset]);
        }
        return flat;
    }

    static int size(int[] shape) {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return size;
    }

    /** Values in [-3, 3] with exact zeros, ties and a NaN now and then, from a fixed seed. */
    static double[] values(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed * 31 + n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(20);
            values[i] = kind == 0 ? 0.0 : kind == 1 ? 1.0 : kind == 2 ? Double.NaN
                    : random.nextDouble(-3, 3);
        }
        return values;
    }

    private static double[] integers(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed * 17 + n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(-5, 6);
        }
        return values;
    }

    static double[] floats(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static int[] toInts(double[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }

    private static long[] toLongs(double[] values) {
        return Arrays.stream(values).mapToLong(v -> (long) v).toArray();
    }

}
