package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;

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

    /** {@code x weight^T}: one {@link MatMul} reading the weight transposed in place. */
    static Tensor linear(Tensor x, Tensor weight) {
        checkArgument(x.rank() >= 1 && weight.rank() == 2 && x.shape().dim(-1) == weight.shape().dim(1),
                "linear: x [..., in] and weight [out, in] expected, got %s and %s", x.shape(),
                weight.shape());
        Tensor rows = x.rank() == 1 ? x.reshape(1, x.size()) : x;
        Tensor product = Tensor.apply(new MatMul(false, true), rows, weight);
        return x.rank() == 1 ? product.reshape(weight.shape().dim(0)) : product;
    }

    static Tensor dot(Tensor a, Tensor b) {
        checkArgument(a.rank() == 1 && b.rank() == 1 && a.size() == b.size(),
                "dot: two vectors of equal length expected, got %s and %s", a.shape(), b.shape());
        return matmul(a, b);
    }

    static Tensor outer(Tensor a, Tensor b) {
        checkArgument(a.rank() == 1 && b.rank() == 1,
                "outer: two vectors expected, got %s and %s", a.shape(), b.shape());
        return a.reshape(a.size(), 1).mul(b.reshape(1, b.size()));
    }

    /**
     * A vector's diagonal matrix, or a matrix's diagonal, with {@code offset} (above the main
     * diagonal if positive), by {@link Pad} with interior padding and a strided {@link Slice} of
     * the flattened matrix: element {@code i} sits at flat index {@code start + i * (columns +
     * 1)}.
     */
    static Tensor diag(Tensor x, int offset) {
        checkArgument(x.rank() == 1 || x.rank() == 2,
                "diag: needs a vector [n] or a matrix [m, n], got shape %s", x.shape());
        if (x.rank() == 1) {
            int n = x.size();
            long side = (long) n + Math.abs((long) offset);
            checkArgument(side * side <= Integer.MAX_VALUE,
                    "diag: a %s x %s matrix is too large (vector %s, offset %s)",
                    side, side, x.shape(), offset);
            int size = (int) side;
            int start = offset >= 0 ? offset : -offset * size;
            int covered = n == 0 ? 0 : (n - 1) * (size + 1) + 1;
            Tensor flat = Tensor.apply(new Pad(ImmutableIntArray.of(n == 0 ? 0 : start),
                    ImmutableIntArray.of(size * size - (n == 0 ? 0 : start) - covered),
                    ImmutableIntArray.of(size)), x);
            return flat.reshape(size, size);
        }
        int rows = x.shape().dim(0);
        int columns = x.shape().dim(1);
        long count = offset >= 0 ? Math.min(rows, (long) columns - offset)
                : Math.min((long) rows + offset, columns);
        Tensor flat = x.reshape(rows * columns);
        if (count <= 0) {
            return flat.slice(0, 0, 0, 1);
        }
        int start = offset >= 0 ? offset : -offset * columns;
        int step = columns + 1;
        return flat.slice(0, start, start + (int) (count - 1) * step + 1, step);
    }

    static Tensor trace(Tensor x) {
        checkArgument(x.rank() == 2, "trace: needs a matrix [m, n], got shape %s", x.shape());
        return diag(x, 0).sum();
    }
}
