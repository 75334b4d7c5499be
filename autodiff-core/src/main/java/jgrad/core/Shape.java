package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The dimensions of a tensor, outermost first (row-major). A rank-0 shape {@code []} is a scalar.
 *
 * <p>Negative axes count from the end, as in NumPy: axis {@code -1} is the last dimension.
 *
 * @param dims the dimensions, each {@code >= 0}
 */
public record Shape(ImmutableIntArray dims) {

    private static final Shape SCALAR = new Shape(ImmutableIntArray.of());

    /** @throws IllegalArgumentException if a dimension is negative */
    public Shape {
        checkNotNull(dims, "dims");
        for (int i = 0; i < dims.length(); i++) {
            checkArgument(dims.get(i) >= 0, "shape: negative dimension in %s", dims);
        }
        dims = dims.trimmed();
    }

    /** A shape from its dimensions: {@code Shape.of(2, 3)} is {@code [2, 3]}. */
    public static Shape of(int... dims) {
        return new Shape(ImmutableIntArray.copyOf(dims));
    }

    /** The rank-0 shape {@code []} of a scalar. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length();
    }

    /** The size of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims.get(axis(axis, "dim"));
    }

    /**
     * The number of elements: the product of the dimensions (1 for a scalar).
     *
     * @throws IllegalArgumentException if there are more than {@code 2^31 - 9}, the most a Java
     *     array holds
     */
    public int size() {
        checkArgument(fitsInArray(),
                "shape: %s has more than 2^31 - 9 elements (a Java array's limit)", this);
        long size = 1;
        for (int i = 0; i < dims.length(); i++) {
            size *= dims.get(i);
        }
        return (int) size;
    }

    /** Whether the element count fits a Java array (at most {@link #MAX_SIZE}). */
    boolean fitsInArray() {
        long size = 1;
        for (int i = 0; i < dims.length(); i++) {
            size *= dims.get(i);
            if (size > MAX_SIZE) {
                return false;
            }
        }
        return true;
    }

    /** The most elements a Java array can hold on common JVMs (a few below 2^31 - 1). */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.toArray();
    }

    /** Row-major strides: the distance in elements between neighbours along each axis. */
    int[] strides() {
        int[] strides = new int[rank()];
        int stride = 1;
        for (int i = rank() - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims.get(i);
        }
        return strides;
    }

    /**
     * Normalises {@code axis} (negative counts from the end) to {@code [0, rank)}.
     *
     * @param op the operation's name, for the error message
     * @throws IllegalArgumentException if the axis is out of range for this rank
     */
    public int axis(int axis, String op) {
        int rank = rank();
        checkArgument(-rank <= axis && axis < rank,
                "%s: axis %s out of range for shape %s (rank %s)", op, axis, this, rank);
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * The NumPy broadcast of two shapes: align from the right; each pair of dimensions must be
     * equal or one of them 1; missing leading dimensions count as 1.
     *
     * @param op the operation's name, for the error message
     * @throws IllegalArgumentException naming {@code op} and both shapes if they do not broadcast
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        if (b.rank() == 0 || a.equals(b)) {
            return a;
        }
        if (a.rank() == 0) {
            return b;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims.get(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dims.get(i - (rank - b.rank()));
            checkArgument(da == db || da == 1 || db == 1,
                    "%s: shapes %s and %s do not broadcast", op, a, b);
            out[i] = da == 1 ? db : da;
        }
        return of(out);
    }

    /** Whether this shape can be broadcast to {@code target} (NumPy rules, one direction). */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int offset = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            int d = dims.get(i);
            if (d != 1 && d != target.dims.get(i + offset)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [2, 3]}, as NumPy and PyTorch print shapes. */
    @Override
    public String toString() {
        return dims.toString();
    }
}
