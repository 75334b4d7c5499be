package jgrad.core.kernels;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Main run in a JVM of its own by {@link VectorSupportTest}: prints which engine {@link Gemm}
 * chose and checks {@link GemmEngine#fast()} against the reference on random products (both
 * dtypes, 1 and 2 threads), exiting 1 on a mismatch. Lines: {@code engine: NAME}, {@code compiled:
 * BOOLEAN} (vector path only), {@code checked: COUNT}.
 */
public final class GemmSelfCheck {

    private GemmSelfCheck() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("engine: " + GemmEngine.fast().name());
        if (VectorSupport.enabled()) {
            System.out.println("compiled: " + VectorSupport.awaitWarmup(5, TimeUnit.MINUTES));
        }
        SplittableRandom random = new SplittableRandom(7);
        int checked = 0;
        try {
            for (int i = 0; i < 40; i++) {
                GemmCase product = randomCase(random);
                for (int threads = 1; threads <= 2; threads++) {
                    GemmChecks.assertFloat64Close(GemmEngine.fast(), product, threads);
                    GemmChecks.assertFloat32Close(GemmEngine.fast(), product, threads);
                    checked++;
                }
            }
        } catch (AssertionError e) {
            System.out.println("mismatch: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("checked: " + checked);
    }

    private static GemmCase randomCase(SplittableRandom random) {
        MatrixOp opA = MatrixOp.of(random.nextBoolean());
        MatrixOp opB = MatrixOp.of(random.nextBoolean());
        int batch = random.nextInt(1, 4);
        int m = random.nextInt(0, 70);
        int n = random.nextInt(0, 70);
        int k = random.nextInt(0, 300);
        int lda = Math.max(1, opA.transposed() ? m : k) + random.nextInt(0, 3);
        int ldb = Math.max(1, opB.transposed() ? k : n) + random.nextInt(0, 3);
        int ldc = Math.max(1, n) + random.nextInt(0, 3);
        int strideB = random.nextBoolean() ? 0 : (opB.transposed() ? n : k) * ldb;
        GemmLayout layout = new GemmLayout(opA, opB, batch, m, n, k,
                random.nextInt(0, 5), lda, (opA.transposed() ? k : m) * lda,
                random.nextInt(0, 5), ldb, strideB,
                random.nextInt(0, 5), ldc, m * ldc + 1);
        return new GemmCase(layout, random.nextLong());
    }
}
