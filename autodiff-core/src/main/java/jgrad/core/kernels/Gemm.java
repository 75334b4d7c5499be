package jgrad.core.kernels;

import java.util.concurrent.TimeUnit;
import jgrad.core.Compute;

/**
 * The matrix product jgrad's primitives call: {@code C[b] = op(A[b]) op(B[b])} for the batch
 * entries of a {@link GemmLayout}, on {@link GemmEngine#fast()} (the Vector API engine when {@link
 * VectorSupport#enabled()}, else plain Java) with {@link Compute#threads()} threads.
 *
 * <p>Shapes: {@code op(A) [m, k]}, {@code op(B) [k, n]} -> {@code C [m, n]}, row-major; C's {@code
 * m x n} regions are overwritten ({@code k = 0} gives zeros). float32 products accumulate in
 * float32. Results are bit-identical for every thread count; the Vector API engine uses fused
 * multiply-adds and sums each element's k-products in order within slices of a few hundred, so it
 * differs from the scalar {@link GemmEngine#reference()} by rounding only.
 *
 * <pre>{@code
 * // y = x w^T for x [batch, in] and w [out, in], without transposing w:
 * Gemm.gemm(GemmLayout.of(MatrixOp.IDENTITY, MatrixOp.TRANSPOSE, batch, out, in), x, w, y);
 * }</pre>
 */
public final class Gemm {

    private Gemm() {}

    /**
     * {@code C[b] = op(A[b]) op(B[b])} in float32.
     *
     * @throws IndexOutOfBoundsException if the layout reaches outside an array
     * @throws IllegalArgumentException if {@link Compute#threads()} does (a bad {@code
     *     jgrad.threads} property)
     */
    public static void gemm(GemmLayout layout, float[] a, float[] b, float[] c) {
        GemmEngine.fast().gemm(layout, a, b, c, Compute.threads());
    }

    /**
     * {@code C[b] = op(A[b]) op(B[b])} in float64.
     *
     * @throws IndexOutOfBoundsException if the layout reaches outside an array
     * @throws IllegalArgumentException if {@link Compute#threads()} does (a bad {@code
     *     jgrad.threads} property)
     */
    public static void gemm(GemmLayout layout, double[] a, double[] b, double[] c) {
        GemmEngine.fast().gemm(layout, a, b, c, Compute.threads());
    }

    /**
     * Warms both dtypes' Vector API kernels and waits until they run at compiled speed: true when
     * they do (or when the plain-Java engine runs, which needs no warm-up), false if the timeout
     * came first. Until then products run a scalar twin computing the same bits.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static boolean awaitCompiled(long timeout, TimeUnit unit) throws InterruptedException {
        return !VectorSupport.enabled() || VectorSupport.awaitWarmup(timeout, unit);
    }
}
