package jgrad.core.kernels;

import java.util.Arrays;

/**
 * The matrix product in plain Java for JVMs without the Vector API: i-k-j order, so the inner loop
 * {@code C[i, j0:j1] += op(A)[i, p] * op(B)[p, j0:j1]} runs along rows and the JIT vectorises it.
 * A transposed B is first copied to row-major {@code [k, n]} (one pass over B); the k-loop is
 * blocked so a block of B's rows stays in cache while every row of C uses it. Parallel above
 * {@link #PARALLEL_FLOPS} (see {@link GemmPartition}). Each element is the sum over {@code p} in
 * order, multiply then add, as in {@link ReferenceGemm}: the results are the reference's, bit for
 * bit, whatever the thread count.
 */
final class PlainGemm extends GemmEngine {

    static final PlainGemm INSTANCE = new PlainGemm();

    /** Below this many floating-point operations one thread does the whole product. */
    static final long PARALLEL_FLOPS = 1L << 20;

    /** Bytes of B's rows kept in cache while all rows of C use them. */
    private static final int B_BLOCK_BYTES = 128 * 1024;

    private PlainGemm() {}

    @Override
    public String name() {
        return "plain";
    }

    @Override
    void compute(GemmLayout l, float[] a, float[] b, float[] c, int threads) {
        float[] rowMajorB = b;
        int bOffset = l.bOffset();
        int ldb = l.ldb();
        int bStride = l.bStride();
        if (l.opB().transposed()) {
            int entries = l.bStride() == 0 ? 1 : l.batch();
            rowMajorB = new float[entries * l.k() * l.n()];
            for (int entry = 0; entry < entries; entry++) {
                transpose(b, l.bOffset() + entry * l.bStride(), l.ldb(), l.n(), l.k(), rowMajorB,
                        entry * l.k() * l.n());
            }
            bOffset = 0;
            ldb = l.n();
            bStride = l.bStride() == 0 ? 0 : l.k() * l.n();
        }
        float[] bArray = rowMajorB;
        int bBase = bOffset;
        int bRowStride = ldb;
        int bEntryStride = bStride;
        GemmPartition.run(l, threads, PARALLEL_FLOPS, 1, 1,
                (entry, i0, i1, j0, j1) -> block(l, a, l.aOffset() + entry * l.aStride(), bArray,
                        bBase + entry * bEntryStride, bRowStride, c,
                        l.cOffset() + entry * l.cStride(), i0, i1, j0, j1));
    }

    @Override
    void compute(GemmLayout l, double[] a, double[] b, double[] c, int threads) {
        double[] rowMajorB = b;
        int bOffset = l.bOffset();
        int ldb = l.ldb();
        int bStride = l.bStride();
        if (l.opB().transposed()) {
            int entries = l.bStride() == 0 ? 1 : l.batch();
            rowMajorB = new double[entries * l.k() * l.n()];
            for (int entry = 0; entry < entries; entry++) {
                transpose(b, l.bOffset() + entry * l.bStride(), l.ldb(), l.n(), l.k(), rowMajorB,
                        entry * l.k() * l.n());
            }
            bOffset = 0;
            ldb = l.n();
            bStride = l.bStride() == 0 ? 0 : l.k() * l.n();
        }
        double[] bArray = rowMajorB;
        int bBase = bOffset;
        int bRowStride = ldb;
        int bEntryStride = bStride;
        GemmPartition.run(l, threads, PARALLEL_FLOPS, 1, 1,
                (entry, i0, i1, j0, j1) -> block(l, a, l.aOffset() + entry * l.aStride(), bArray,
                        bBase + entry * bEntryStride, bRowStride, c,
                        l.cOffset() + entry * l.cStride(), i0, i1, j0, j1));
    }

    /** Rows {@code [i0, i1)}, columns {@code [j0, j1)} of one entry's C; B row-major. */
    private static void block(GemmLayout l, float[] a, int aBase, float[] b, int bBase, int ldb,
            float[] c, int cBase, int i0, int i1, int j0, int j1) {
        int k = l.k();
        int lda = l.lda();
        int ldc = l.ldc();
        boolean transposedA = l.opA().transposed();
        for (int i = i0; i < i1; i++) {
            Arrays.fill(c, cBase + i * ldc + j0, cBase + i * ldc + j1, 0f);
        }
        int width = j1 - j0;
        int block = Math.max(1, B_BLOCK_BYTES / (Float.BYTES * width));
        for (int p0 = 0; p0 < k; p0 += block) {
            int p1 = Math.min(k, p0 + block);
            for (int i = i0; i < i1; i++) {
                int row = cBase + i * ldc + j0;
                for (int p = p0; p < p1; p++) {
                    float aip = a[aBase + (transposedA ? p * lda + i : i * lda + p)];
                    int bRow = bBase + p * ldb + j0;
                    for (int j = 0; j < width; j++) {
                        c[row + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }

    private static void block(GemmLayout l, double[] a, int aBase, double[] b, int bBase, int ldb,
            double[] c, int cBase, int i0, int i1, int j0, int j1) {
        int k = l.k();
        int lda = l.lda();
        int ldc = l.ldc();
        boolean transposedA = l.opA().transposed();
        for (int i = i0; i < i1; i++) {
            Arrays.fill(c, cBase + i * ldc + j0, cBase + i * ldc + j1, 0d);
        }
        int width = j1 - j0;
        int block = Math.max(1, B_BLOCK_BYTES / (Double.BYTES * width));
        for (int p0 = 0; p0 < k; p0 += block) {
            int p1 = Math.min(k, p0 + block);
            for (int i = i0; i < i1; i++) {
                int row = cBase + i * ldc + j0;
                for (int p = p0; p < p1; p++) {
                    double aip = a[aBase + (transposedA ? p * lda + i : i * lda + p)];
                    int bRow = bBase + p * ldb + j0;
                    for (int j = 0; j < width; j++) {
                        c[row + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }

    /** {@code out[start + p * n + j] = b[base + j * ldb + p]}: stored {@code [n, k]} as [k, n]. */
    private static void transpose(float[] b, int base, int ldb, int n, int k, float[] out,
            int start) {
        for (int j = 0; j < n; j++) {
            int row = base + j * ldb;
            for (int p = 0; p < k; p++) {
                out[start + p * n + j] = b[row + p];
            }
        }
    }

    private static void transpose(double[] b, int base, int ldb, int n, int k, double[] out,
            int start) {
        for (int j = 0; j < n; j++) {
            int row = base + j * ldb;
            for (int p = 0; p < k; p++) {
                out[start + p * n + j] = b[row + p];
            }
        }
    }
}
