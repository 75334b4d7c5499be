package jgrad.core.kernels;

/**
 * The reference matrix product: for each batch entry, row and column, the sum over {@code p} in
 * order, {@code s += op(A)[i, p] * op(B)[p, j]} (multiply, then add; no fused multiply-add),
 * accumulated in the array's precision. Single-threaded whatever {@code threads} says.
 */
final class ReferenceGemm extends GemmEngine {

    static final ReferenceGemm INSTANCE = new ReferenceGemm();

    private ReferenceGemm() {}

    @Override
    public String name() {
        return "reference";
    }

    @Override
    void compute(GemmLayout l, float[] a, float[] b, float[] c, int threads) {
        for (int batch = 0; batch < l.batch(); batch++) {
            int aBase = l.aOffset() + batch * l.aStride();
            int bBase = l.bOffset() + batch * l.bStride();
            int cBase = l.cOffset() + batch * l.cStride();
            for (int i = 0; i < l.m(); i++) {
                for (int j = 0; j < l.n(); j++) {
                    float sum = 0f;
                    for (int p = 0; p < l.k(); p++) {
                        sum += a[aBase + indexA(l, i, p)] * b[bBase + indexB(l, p, j)];
                    }
                    c[cBase + i * l.ldc() + j] = sum;
                }
            }
        }
    }

    @Override
    void compute(GemmLayout l, double[] a, double[] b, double[] c, int threads) {
        for (int batch = 0; batch < l.batch(); batch++) {
            int aBase = l.aOffset() + batch * l.aStride();
            int bBase = l.bOffset() + batch * l.bStride();
            int cBase = l.cOffset() + batch * l.cStride();
            for (int i = 0; i < l.m(); i++) {
                for (int j = 0; j < l.n(); j++) {
                    double sum = 0d;
                    for (int p = 0; p < l.k(); p++) {
                        sum += a[aBase + indexA(l, i, p)] * b[bBase + indexB(l, p, j)];
                    }
                    c[cBase + i * l.ldc() + j] = sum;
                }
            }
        }
    }

    /** Index of {@code op(A)[i, p]} relative to the batch entry's A. */
    private static int indexA(GemmLayout l, int i, int p) {
        return l.opA().transposed() ? p * l.lda() + i : i * l.lda() + p;
    }

    /** Index of {@code op(B)[p, j]} relative to the batch entry's B. */
    private static int indexB(GemmLayout l, int p, int j) {
        return l.opB().transposed() ? j * l.ldb() + p : p * l.ldb() + j;
    }
}
