package jgrad.core.kernels;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Where the operands of a batched matrix product {@code C[b] = op(A[b]) op(B[b])} lie in their
 * row-major arrays, for {@code b} in {@code [0, batch)}.
 *
 * <p>Shapes: {@code op(A[b]) [m, k]}, {@code op(B[b]) [k, n]} -> {@code C[b] [m, n]}. The stored A
 * is {@code [m, k]} for {@link MatrixOp#IDENTITY} and {@code [k, m]} for {@link
 * MatrixOp#TRANSPOSE}; likewise B is stored {@code [k, n]} or {@code [n, k]}. Element {@code (i,
 * j)} of the stored matrix of batch entry {@code b} is at {@code offset + b * stride + i * ld + j}
 * ({@code ld}, the leading dimension, is the distance between consecutive stored rows, at least
 * the stored row length). A stride of 0 broadcasts one operand over the batch (C's stride must be
 * positive when {@code batch > 1}; the caller keeps the batch entries of C from overlapping each
 * other and C from overlapping A and B).
 *
 * <p>Example: the vjp of {@code y = x w^T} with {@code x [batch, in]}, {@code w [out, in]} has
 * {@code dx = g w} ({@code of(IDENTITY, IDENTITY, batch, in, out)}) and {@code dw = g^T x} ({@code
 * of(TRANSPOSE, IDENTITY, out, in, batch)}), both read from the stored {@code g}, {@code w} and
 * {@code x} without copies.
 *
 * @param opA how A is read
 * @param opB how B is read
 * @param batch number of independent products, at least 0
 * @param m rows of {@code op(A)} and of C
 * @param n columns of {@code op(B)} and of C
 * @param k columns of {@code op(A)}, rows of {@code op(B)} (the summed dimension)
 * @param aOffset index of A's first element
 * @param lda leading dimension of the stored A
 * @param aStride distance between the A of consecutive batch entries (0 broadcasts)
 * @param bOffset index of B's first element
 * @param ldb leading dimension of the stored B
 * @param bStride distance between the B of consecutive batch entries (0 broadcasts)
 * @param cOffset index of C's first element
 * @param ldc leading dimension of C
 * @param cStride distance between the C of consecutive batch entries
 */
public record GemmLayout(
        MatrixOp opA, MatrixOp opB, int batch, int m, int n, int k,
        int aOffset, int lda, int aStride,
        int bOffset, int ldb, int bStride,
        int cOffset, int ldc, int cStride) {

    /**
     * Checks the layout on its own (array lengths are checked by {@link #checkBounds}).
     *
     * @throws IllegalArgumentException if a size, offset or stride is negative, a leading dimension
     *     is shorter than its stored row, or {@code batch > 1} with C's stride 0
     */
    public GemmLayout {
        checkNotNull(opA, "gemm: opA is null");
        checkNotNull(opB, "gemm: opB is null");
        checkArgument(batch >= 0 && m >= 0 && n >= 0 && k >= 0,
                "gemm: negative size: batch %s, m %s, n %s, k %s", batch, m, n, k);
        checkArgument(aOffset >= 0 && bOffset >= 0 && cOffset >= 0,
                "gemm: negative offset: a %s, b %s, c %s", aOffset, bOffset, cOffset);
        checkArgument(aStride >= 0 && bStride >= 0 && cStride >= 0,
                "gemm: negative batch stride: a %s, b %s, c %s", aStride, bStride, cStride);
        checkArgument(lda >= Math.max(1, opA.transposed() ? m : k),
                "gemm: lda %s is shorter than a stored row of A (%s of [%s, %s])", lda,
                opA, m, k);
        checkArgument(ldb >= Math.max(1, opB.transposed() ? k : n),
                "gemm: ldb %s is shorter than a stored row of B (%s of [%s, %s])", ldb,
                opB, k, n);
        checkArgument(ldc >= Math.max(1, n), "gemm: ldc %s is shorter than a row of C [%s, %s]",
                ldc, m, n);
        checkArgument(batch <= 1 || cStride > 0 || m == 0 || n == 0,
                "gemm: batch %s with C stride 0 would write every product to the same C", batch);
    }

    /** A single dense product: {@code A}, {@code B}, {@code C} stored contiguously from index 0. */
    public static GemmLayout of(MatrixOp opA, MatrixOp opB, int m, int n, int k) {
        return batched(opA, opB, 1, m, n, k);
    }

    /** {@code batch} dense products stored one after another in each array. */
    public static GemmLayout batched(MatrixOp opA, MatrixOp opB, int batch, int m, int n, int k) {
        checkArgument(batch >= 0 && m >= 0 && n >= 0 && k >= 0,
                "gemm: negative size: batch %s, m %s, n %s, k %s", batch, m, n, k);
        int lda = Math.max(1, opA.transposed() ? m : k);
        int ldb = Math.max(1, opB.transposed() ? k : n);
        return new GemmLayout(opA, opB, batch, m, n, k,
                0, lda, Math.multiplyExact(m, k),
                0, ldb, Math.multiplyExact(k, n),
                0, Math.max(1, n), Math.multiplyExact(m, n));
    }

    /** This layout with A at {@code offset}, leading dimension {@code ld}, batch stride. */
    public GemmLayout withA(int offset, int ld, int stride) {
        return new GemmLayout(opA, opB, batch, m, n, k, offset, ld, stride,
                bOffset, ldb, bStride, cOffset, ldc, cStride);
    }

    /** This layout with B at {@code offset}, leading dimension {@code ld}, batch stride. */
    public GemmLayout withB(int offset, int ld, int stride) {
        return new GemmLayout(opA, opB, batch, m, n, k, aOffset, lda, aStride,
                offset, ld, stride, cOffset, ldc, cStride);
    }

    /** This layout with C at {@code offset}, leading dimension {@code ld}, batch stride. */
    public GemmLayout withC(int offset, int ld, int stride) {
        return new GemmLayout(opA, opB, batch, m, n, k, aOffset, lda, aStride,
                bOffset, ldb, bStride, offset, ld, stride);
    }

    /** Floating-point operations of the product, {@code 2 batch m n k}. */
    public long flops() {
        return 2L * batch * m * n * k;
    }

    /**
     * Checks that every element the layout reads or writes lies inside arrays of these lengths.
     *
     * @throws IndexOutOfBoundsException naming the operand, its last index and the array length
     */
    public void checkBounds(int aLength, int bLength, int cLength) {
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        if (k > 0) {
            checkOperand("A", aLength, aOffset, aStride, opA.transposed() ? k : m, lda,
                    opA.transposed() ? m : k);
            checkOperand("B", bLength, bOffset, bStride, opB.transposed() ? n : k, ldb,
                    opB.transposed() ? k : n);
        }
        checkOperand("C", cLength, cOffset, cStride, m, ldc, n);
    }

    private void checkOperand(String name, int length, int offset, int stride, int rows, int ld,
            int columns) {
        long last = offset + (long) (batch - 1) * stride + (long) (rows - 1) * ld + columns - 1;
        if (last >= length) {
            throw new IndexOutOfBoundsException("gemm: " + name + " needs index " + last
                    + " (batch " + batch + ", stored [" + rows + ", " + columns + "], offset "
                    + offset + ", ld " + ld + ", stride " + stride + ") but its array has length "
                    + length + "; " + this);
        }
    }
}
