package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Linear algebra composed around the {@link MatMul} primitive; see the public methods on {@link
 * Tensor} for their contracts.
 */
final class LinalgOps {

    private LinalgOps() {}

    /** NumPy's matmul: 1-D operands become a row or a column, removed again from the result. */
    static Tensor matmul(Tensor a, Tensor b) {
        checkArgument(a.rank() >= 1 && b.rank() >= 1,
                "matmul: [..., m, k] x [..., k, n] expected, got %s x %s (a scalar has no matrix"
                        + " product; use mul)", a.shape(), b.shape());
        Tensor left = a.rank() == 1 ? a.reshape(1, a.size()) : a;
        Tensor right = b.rank() == 1 ? b.reshape(b.size(), 1) : b;
        if (a.rank() == 1 || b.rank() == 1) {
            checkArgument(left.shape().dim(-1) == right.shape().dim(-2),
                    "matmul: [..., m, k] x [..., k, n] expected, got %s x %s",
                    a.shape(), b.shape());
        }
        Tensor product = Tensor.apply(new MatMul(), left, right);
        if (a.rank() > 1 && b.rank() > 1) {
            return product;
        }
        int[] dims = product.shape().toArray();
        int keep = dims.length - (a.rank() == 1 ? 1 : 0) - (b.rank() == 1 ? 1 : 0);
        int[] out = new int[keep];
        for (int i = 0, j = 0; i < dims.length; i++) {
            boolean droppedRow = a.rank() == 1 && i == dims.length - 2;
            boolean droppedColumn = b.rank() == 1 && i == dims.length - 1;
            if (!droppedRow && !droppedColumn) {
                out[j++] = dims[i];
            }
        }
        return product.reshape(out);
    }
}
