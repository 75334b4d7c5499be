package jgrad.core.kernels;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * One implementation of the batched matrix product {@code C[b] = op(A[b]) op(B[b])} described by a
 * {@link GemmLayout}, for float32 and float64 arrays. C's {@code m x n} regions are overwritten
 * (elements between rows, beyond {@code n} in a leading dimension, are left alone); {@code k = 0}
 * gives zeros.
 *
 * <p>Three engines: {@link #reference()} (scalar triple loops, the reference the others are
 * tested against), {@link #plain()} (plain Java, i-k-j order, for JVMs without the Vector API) and
 * {@link #vector()} (packed, cache-blocked, register-tiled {@code jdk.incubator.vector} kernels).
 * {@link Gemm} runs the one {@link VectorSupport} detected.
 *
 * <p>Threads: the product is split among {@code threads} threads by partitioning C (never the
 * k-sum), so each element is computed by the same operations in the same order whatever the
 * thread count: results are bit-identical for every thread count.
 */
public abstract sealed class GemmEngine permits ReferenceGemm, PlainGemm, VectorGemm {

    GemmEngine() {}

    /** The scalar triple loops: simple, slow, the reference. */
    public static GemmEngine reference() {
        return ReferenceGemm.INSTANCE;
    }

    /** Plain Java, i-k-j order, parallel over rows of C: the fallback without the Vector API. */
    public static GemmEngine plain() {
        return PlainGemm.INSTANCE;
    }

    /**
     * The Vector API engine.
     *
     * @throws UnsupportedOperationException if {@link VectorSupport#enabled()} is false (the
     *     module {@code jdk.incubator.vector} is not in the boot layer, or {@code jgrad.vector} is
     *     {@code false}); the message says why
     */
    public static GemmEngine vector() {
        return VectorSupport.vectorGemm();
    }

    /** The engine {@link Gemm} uses: {@link #vector()} when enabled, else {@link #plain()}. */
    public static GemmEngine fast() {
        return VectorSupport.enabled() ? vector() : plain();
    }

    /** A short name: {@code reference}, {@code plain} or {@code vector}. */
    public abstract String name();

    /**
     * Computes {@code C[b] = op(A[b]) op(B[b])} in float32 (each product accumulated in float32).
     *
     * @param threads the number of threads to use, at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IndexOutOfBoundsException if the layout reaches outside an array
     */
    public final void gemm(GemmLayout layout, float[] a, float[] b, float[] c, int threads) {
        checkNotNull(layout, "gemm: layout is null");
        checkArgument(threads >= 1, "gemm: at least 1 thread expected, got %s", threads);
        layout.checkBounds(a.length, b.length, c.length);
        if (layout.batch() == 0 || layout.m() == 0 || layout.n() == 0) {
            return;
        }
        if (layout.k() == 0) {
            forEachRowOfC(layout, (row, end) -> Arrays.fill(c, row, end, 0f));
            return;
        }
        compute(layout, a, b, c, threads);
    }

    /**
     * Computes {@code C[b] = op(A[b]) op(B[b])} in float64.
     *
     * @param threads the number of threads to use, at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IndexOutOfBoundsException if the layout reaches outside an array
     */
    public final void gemm(GemmLayout layout, double[] a, double[] b, double[] c, int threads) {
        checkNotNull(layout, "gemm: layout is null");
        checkArgument(threads >= 1, "gemm: at least 1 thread expected, got %s", threads);
        layout.checkBounds(a.length, b.length, c.length);
        if (layout.batch() == 0 || layout.m() == 0 || layout.n() == 0) {
            return;
        }
        if (layout.k() == 0) {
            forEachRowOfC(layout, (row, end) -> Arrays.fill(c, row, end, 0d));
            return;
        }
        compute(layout, a, b, c, threads);
    }

    /** The product for a checked layout with {@code batch, m, n, k >= 1}. */
    abstract void compute(GemmLayout layout, float[] a, float[] b, float[] c, int threads);

    /** The product for a checked layout with {@code batch, m, n, k >= 1}. */
    abstract void compute(GemmLayout layout, double[] a, double[] b, double[] c, int threads);

    @Override
    public String toString() {
        return "GemmEngine[" + name() + "]";
    }

    private interface RowRange {
        void accept(int from, int to);
    }

    private static void forEachRowOfC(GemmLayout layout, RowRange action) {
        for (int batch = 0; batch < layout.batch(); batch++) {
            int base = layout.cOffset() + batch * layout.cStride();
            for (int i = 0; i < layout.m(); i++) {
                int row = base + i * layout.ldc();
                action.accept(row, row + layout.n());
            }
        }
    }
}
