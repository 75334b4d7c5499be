package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The comparisons of {@link GemmPropertyTest} (see its javadoc for the bounds), shared with the
 * forked-JVM checks of {@link GemmSelfCheck}.
 */
final class GemmChecks {

    private static final double U64 = 0x1p-53;
    private static final double U32 = 0x1p-24;

    private GemmChecks() {}

    static void assertFloat64Close(GemmEngine engine, GemmCase product, int threads) {
        double[] a = product.a();
        double[] b = product.b();
        double[] expected = product.c();
        double[] scale = product.c();
        GemmEngine.reference().gemm(product.layout(), a, b, expected, 1);
        GemmEngine.reference().gemm(product.layout(), GemmCase.abs(a), GemmCase.abs(b), scale, 1);
        double[] actual = product.c();
        splitEverything(() -> engine.gemm(product.layout(), a, b, actual, threads));
        double gamma = gamma(product.layout().k(), U64);
        for (int i = 0; i < actual.length; i++) {
            check(product, i, expected[i], actual[i], 1.01 * 2 * gamma * scale[i]);
        }
    }

    static void assertFloat32Close(GemmEngine engine, GemmCase product, int threads) {
        double[] a = product.a();
        double[] b = product.b();
        double[] expected = product.c();
        double[] scale = product.c();
        GemmEngine.reference().gemm(product.layout(), a, b, expected, 1);
        GemmEngine.reference().gemm(product.layout(), GemmCase.abs(a), GemmCase.abs(b), scale, 1);
        float[] af = GemmCase.toFloat(a);
        float[] bf = GemmCase.toFloat(b);
        float[] actual = product.cFloat();
        splitEverything(() -> engine.gemm(product.layout(), af, bf, actual, threads));
        int k = product.layout().k();
        double bound = 1.01 * (gamma(k, U32) + gamma(k, U64));
        for (int i = 0; i < actual.length; i++) {
            check(product, i, expected[i], actual[i], bound * scale[i]);
        }
    }

    private static void check(GemmCase product, int i, double expected, double actual,
            double tolerance) {
        if (!product.inC(i)) {
            if (!Double.isNaN(actual)) {
                fail("wrote C[" + i + "] outside the product's regions: " + product);
            }
        } else if (!(Math.abs(actual - expected) <= tolerance)) {
            fail("C[" + i + "] = " + actual + ", reference " + expected + ", error "
                    + Math.abs(actual - expected) + " > bound " + tolerance + ": " + product);
        }
    }

    /** {@code gamma_k = k u / (1 - k u)}. */
    private static double gamma(int k, double unitRoundoff) {
        return k * unitRoundoff / (1 - k * unitRoundoff);
    }

    /** Runs with every parallel threshold at 0, so any product with threads > 1 is split. */
    static void splitEverything(Runnable action) {
        GemmPartition.withParallelThreshold(0, action);
    }
}
