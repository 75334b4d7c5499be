package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fast matrix products against {@link GemmEngine#reference()}, over random layouts: sizes 0,
 * 1, odd, around multiples of the vector width and the register tile and across the cache blocks
 * ({@code KC}, {@code MC}); all four transpose combinations; offsets, padded leading dimensions,
 * batches with broadcast (stride 0) operands; 1 to 3 threads, with the parallel threshold lowered
 * so that small products are split too.
 *
 * <p>Tolerances are the worst-case bounds of floating-point summation (Higham, "Accuracy and
 * Stability of Numerical Algorithms", 2nd ed., eq. 3.5: {@code |fl(x.y) - x.y| <= gamma_k |x|.|y|}
 * with {@code gamma_k = k u / (1 - k u)}), which hold for any summation order and with or without
 * fused multiply-adds, as long as every product passes at most k roundings (true of the blocked
 * kernels: slice sums plus one addition per later slice). With {@code S = sum_p |a_ip| |b_pj|}
 * (at most k for values in [-1, 1]):
 * <ul>
 *   <li>float64: {@code |fast - reference| <= 2 gamma_k(2^-53) S};
 *   <li>float32: {@code |fast32 - reference64| <= (gamma_k(2^-24) + gamma_k(2^-53)) S}, i.e. a
 *       relative error against {@code S} of about {@code k * 6e-8}; the float64 reference runs on
 *       the same (float-valued) inputs.
 * </ul>
 * The plain engine does the reference's operations in the reference's order, so it must equal it
 * bit for bit; every engine must give bit-identical results for 1, 2 and 3 threads.
 */
@PropertyDefaults(tries = 150, edgeCases = EdgeCasesMode.NONE)
class GemmPropertyTest {

    @BeforeContainer
    static void vectorKernelsAreCompiled() throws InterruptedException {
        assertTrue(VectorSupport.enabled(), VectorSupport.description());
        assertTrue(VectorSupport.awaitWarmup(5, TimeUnit.MINUTES),
                "the vector kernels did not reach compiled speed; the tests would only exercise"
                        + " their scalar twins");
    }

    @Property
    void vectorFloat64MatchesTheReferenceWithinTheSummationBound(
            @ForAll("cases") GemmCase product, @ForAll @IntRange(min = 1, max = 3) int threads) {
        GemmChecks.assertFloat64Close(GemmEngine.vector(), product, threads);
    }

    @Property
    void vectorFloat32MatchesTheFloat64ReferenceWithinTheFloat32SummationBound(
            @ForAll("cases") GemmCase product, @ForAll @IntRange(min = 1, max = 3) int threads) {
        GemmChecks.assertFloat32Close(GemmEngine.vector(), product, threads);
    }

    @Property(tries = 100)
    void plainFloat64EqualsTheReferenceBitForBit(@ForAll("cases") GemmCase product,
            @ForAll @IntRange(min = 1, max = 3) int threads) {
        double[] a = product.a();
        double[] b = product.b();
        double[] expected = product.c();
        GemmEngine.reference().gemm(product.layout(), a, b, expected, 1);
        double[] actual = product.c();
        splitEverything(() -> GemmEngine.plain().gemm(product.layout(), a, b, actual, threads));
        assertArrayEquals(expected, actual, product.toString());
    }

    @Property(tries = 100)
    void plainFloat32EqualsTheReferenceBitForBit(@ForAll("cases") GemmCase product,
            @ForAll @IntRange(min = 1, max = 3) int threads) {
        float[] a = GemmCase.toFloat(product.a());
        float[] b = GemmCase.toFloat(product.b());
        float[] expected = product.cFloat();
        GemmEngine.reference().gemm(product.layout(), a, b, expected, 1);
        float[] actual = product.cFloat();
        splitEverything(() -> GemmEngine.plain().gemm(product.layout(), a, b, actual, threads));
        assertArrayEquals(expected, actual, product.toString());
    }

    @Property(tries = 100)
    void vectorResultsAreBitIdenticalForOneTwoAndThreeThreads(@ForAll("cases") GemmCase product) {
        double[] a = product.a();
        double[] b = product.b();
        float[] af = GemmCase.toFloat(a);
        float[] bf = GemmCase.toFloat(b);
        double[] one = product.c();
        float[] oneFloat = product.cFloat();
        GemmEngine.vector().gemm(product.layout(), a, b, one, 1);
        GemmEngine.vector().gemm(product.layout(), af, bf, oneFloat, 1);
        for (int threads = 1; threads <= 3; threads++) {
            double[] again = product.c();
            float[] againFloat = product.cFloat();
            int count = threads;
            splitEverything(() -> {
                GemmEngine.vector().gemm(product.layout(), a, b, again, count);
                GemmEngine.vector().gemm(product.layout(), af, bf, againFloat, count);
            });
            assertArrayEquals(one, again, threads + " threads: " + product);
            assertArrayEquals(oneFloat, againFloat, threads + " threads: " + product);
        }
    }

    @Property(tries = 60)
    void scalarTwinOfTheFloatMicroKernelsComputesTheSameBits(
            @ForAll @IntRange(min = 0, max = 300) int kc, @ForAll boolean narrow,
            @ForAll boolean accumulate, @ForAll @IntRange(min = 0, max = 3) int pad,
            @ForAll long seed) {
        int mr = FloatVectorGemm.MR;
        int nr = FloatVectorGemm.NR;
        int width = narrow ? FloatVectorGemm.LANES : nr;
        int aps = mr + pad;
        int bps = nr + pad;
        float[] a = GemmCase.toFloat(values(kc * aps + 3, seed));
        float[] b = GemmCase.toFloat(values(kc * bps + 5, seed + 1));
        float[] start = GemmCase.toFloat(values(mr * (nr + 2) + 1, seed + 2));
        float[] vector = start.clone();
        float[] scalar = start.clone();
        FloatVectorGemm.vectorKernel(narrow, kc, a, 3, aps, b, 5, bps, vector, 1, nr + 2,
                accumulate);
        FloatVectorGemm.scalarKernel(width, kc, a, 3, aps, b, 5, bps, scalar, 1, nr + 2,
                accumulate, new float[mr * nr]);
        assertArrayEquals(scalar, vector);
    }

    @Property(tries = 60)
    void scalarTwinOfTheDoubleMicroKernelsComputesTheSameBits(
            @ForAll @IntRange(min = 0, max = 300) int kc, @ForAll boolean narrow,
            @ForAll boolean accumulate, @ForAll @IntRange(min = 0, max = 3) int pad,
            @ForAll long seed) {
        int mr = DoubleVectorGemm.MR;
        int nr = DoubleVectorGemm.NR;
        int width = narrow ? DoubleVectorGemm.LANES : nr;
        int aps = mr + pad;
        int bps = nr + pad;
        double[] a = values(kc * aps + 3, seed);
        double[] b = values(kc * bps + 5, seed + 1);
        double[] start = values(mr * (nr + 2) + 1, seed + 2);
        double[] vector = start.clone();
        double[] scalar = start.clone();
        DoubleVectorGemm.vectorKernel(narrow, kc, a, 3, aps, b, 5, bps, vector, 1, nr + 2,
                accumulate);
        DoubleVectorGemm.scalarKernel(width, kc, a, 3, aps, b, 5, bps, scalar, 1, nr + 2,
                accumulate, new double[mr * nr]);
        assertArrayEquals(scalar, vector);
    }

    @Example
    void productsCrossingEveryCacheBlockMatchTheReference() {
        int wide = Math.max(FloatVectorGemm.NC, DoubleVectorGemm.NC) + 37;
        int tall = Math.max(FloatVectorGemm.MC, DoubleVectorGemm.MC) + 7;
        int deep = 2 * Math.max(FloatVectorGemm.KC, DoubleVectorGemm.KC) + 3;
        for (MatrixOp opA : MatrixOp.values()) {
            for (MatrixOp opB : MatrixOp.values()) {
                for (GemmLayout layout : new GemmLayout[] {
                        GemmLayout.of(opA, opB, 3, wide, 5),
                        GemmLayout.of(opA, opB, tall, 9, 4),
                        GemmLayout.of(opA, opB, 5, 7, deep),
                        GemmLayout.of(opA, opB, tall, 40, deep)}) {
                    GemmCase product = new GemmCase(layout, 42);
                    for (int threads = 1; threads <= 2; threads++) {
                        GemmChecks.assertFloat64Close(GemmEngine.vector(), product, threads);
                        GemmChecks.assertFloat32Close(GemmEngine.vector(), product, threads);
                    }
                }
            }
        }
    }

    @Example
    void anEmptySumGivesZerosAndAnEmptyProductWritesNothing() {
        for (GemmEngine engine : new GemmEngine[] {
                GemmEngine.vector(), GemmEngine.plain(), GemmEngine.reference()}) {
            GemmCase empty = new GemmCase(GemmLayout.of(MatrixOp.IDENTITY, MatrixOp.IDENTITY, 2,
                    3, 0).withC(1, 4, 8), 1);
            double[] c = empty.c();
            engine.gemm(empty.layout(), new double[0], new double[0], c, 2);
            for (int i = 0; i < c.length; i++) {
                assertEquals(empty.inC(i) ? 0.0 : Double.NaN, c[i], engine + " index " + i);
            }
            for (GemmLayout nothing : new GemmLayout[] {
                    GemmLayout.of(MatrixOp.IDENTITY, MatrixOp.IDENTITY, 0, 3, 4),
                    GemmLayout.of(MatrixOp.TRANSPOSE, MatrixOp.IDENTITY, 3, 0, 4),
                    GemmLayout.batched(MatrixOp.IDENTITY, MatrixOp.TRANSPOSE, 0, 3, 3, 4)}) {
                float[] untouched = {Float.NaN, Float.NaN};
                engine.gemm(nothing, new float[12], new float[12], untouched, 2);
                assertTrue(Float.isNaN(untouched[0]) && Float.isNaN(untouched[1]),
                        engine + " " + nothing);
            }
        }
    }

    private static void splitEverything(Runnable action) {
        GemmChecks.splitEverything(action);
    }

    private static double[] values(int length, long seed) {
        return new SplittableRandom(seed).doubles(length, -1, 1).toArray();
    }

    @Provide
    Arbitrary<GemmCase> cases() {
        Arbitrary<MatrixOp> ops = Arbitraries.of(MatrixOp.class);
        Arbitrary<Integer> batch = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(1)),
                Tuple.of(3, Arbitraries.integers().between(2, 4)),
                Tuple.of(1, Arbitraries.just(0)));
        Arbitrary<int[]> sizes = Combinators.combine(dimension(true, false),
                dimension(false, false), dimension(false, true)).as(
                        (m, n, k) -> new int[] {m, n, k})
                .filter(s -> (long) s[0] * s[1] * s[2] <= 2_000_000);
        Arbitrary<int[]> padding = Arbitraries.integers().between(0, 3).array(int[].class)
                .ofSize(3);
        Arbitrary<int[]> offsets = Arbitraries.integers().between(0, 7).array(int[].class)
                .ofSize(3);
        Arbitrary<int[]> broadcast = Arbitraries.integers().between(0, 5).array(int[].class)
                .ofSize(2);
        return Combinators.combine(ops, ops, batch, sizes, padding, offsets, broadcast,
                Arbitraries.longs()).as((opA, opB, entries, s, pad, off, bc, seed) -> {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    int lda = Math.max(1, opA.transposed() ? m : k) + weighted(pad[0]);
                    int ldb = Math.max(1, opB.transposed() ? k : n) + weighted(pad[1]);
                    int ldc = Math.max(1, n) + weighted(pad[2]);
                    int strideA = bc[0] == 0 ? 0 : (opA.transposed() ? k : m) * lda + pad[0];
                    int strideB = bc[1] == 0 ? 0 : (opB.transposed() ? n : k) * ldb + pad[1];
                    int strideC = m * ldc + pad[2] + 1;
                    GemmLayout layout = new GemmLayout(opA, opB, entries, m, n, k,
                            off[0], lda, strideA, off[1], ldb, strideB, off[2], ldc, strideC);
                    return new GemmCase(layout, seed);
                });
    }

    /** Padding of a leading dimension: none half of the time. */
    private static int weighted(int pad) {
        return pad < 2 ? 0 : pad - 1;
    }

    /**
     * A matrix dimension: tiny, near a multiple of the vector width or register tile, medium, and
     * (for rows) beyond {@code MC} or (for the summed dimension) beyond {@code KC}.
     */
    private static Arbitrary<Integer> dimension(boolean rows, boolean summed) {
        Arbitrary<Integer> tiny = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> edges = Arbitraries.of(6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 23, 24, 25,
                31, 32, 33, 35, 36, 37, 47, 48, 49, 63, 64, 65);
        Arbitrary<Integer> medium = Arbitraries.integers().between(6, 100);
        Arbitrary<Integer> large = rows ? Arbitraries.integers().between(230, 260)
                : summed ? Arbitraries.integers().between(180, 600)
                : Arbitraries.integers().between(100, 140);
        return Arbitraries.frequencyOf(
                Tuple.of(3, tiny), Tuple.of(4, edges),
                Tuple.of(3, medium), Tuple.of(1, large));
    }
}
