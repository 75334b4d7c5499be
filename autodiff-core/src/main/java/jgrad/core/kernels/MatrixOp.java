package jgrad.core.kernels;

/**
 * How a matrix product reads a stored operand: as it is, or transposed in place (the transpose is
 * never materialised). BLAS calls these {@code 'N'} and {@code 'T'}.
 */
public enum MatrixOp {
    /** {@code op(X) = X}. */
    IDENTITY,
    /** {@code op(X) = X^T}: element {@code (i, j)} is read from the stored {@code (j, i)}. */
    TRANSPOSE;

    /** {@code TRANSPOSE} if {@code transposed}, else {@code IDENTITY}. */
    public static MatrixOp of(boolean transposed) {
        return transposed ? TRANSPOSE : IDENTITY;
    }

    boolean transposed() {
        return this == TRANSPOSE;
    }
}
