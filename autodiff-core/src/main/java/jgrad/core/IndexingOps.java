package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * Indexing by integer tensors, built on the indexing primitives ({@link IndexSelect}, {@link
 * IndexAdd}, {@link Gather}, {@link ScatterAdd}): argument normalisation, the checks that name the
 * public operation, and the composites {@code take}, {@code maskedSelect} and {@code oneHot}; see
 * the public methods on {@link Tensor} for their contracts.
 *
 * <p>One rule for index values across these operations: an index into an axis of size {@code n}
 * lies in {@code [-n, n)}, and a negative one counts from the end (NumPy's rule for {@code take};
 * PyTorch's {@code gather} and {@code index_select} refuse negative indices, so code ported from
 * PyTorch never meets the difference). Anything else is an error naming the operation, the index,
 * its position in the index tensor and the valid range.
 */
final class IndexingOps {

    private IndexingOps() {}

    static Tensor indexSelect(Tensor x, int axis, Tensor index) {
        checkNotNull(index, "indexSelect: index is null");
        int a = x.shape().axis(axis, "indexSelect");
        return Tensor.apply(new IndexSelect(a), x, index.rank() == 0 ? index.reshape(1) : index);
    }

    static Tensor take(Tensor x, Tensor index, int axis) {
        checkNotNull(index, "take: index is null");
        int a = x.shape().axis(axis, "take");
        checkIndexDtype("take", index.dtype());
        indices("take", index, x.shape().dim(a), a, x.shape()); // errors name take
        Shape shape = x.shape();
        int[] dims = new int[shape.rank() - 1 + index.rank()];
        int k = 0;
        for (int d = 0; d < shape.rank(); d++) {
            if (d == a) {
                for (int e = 0; e < index.rank(); e++) {
                    dims[k++] = index.shape().dim(e);
                }
            } else {
                dims[k++] = shape.dim(d);
            }
        }
        return Tensor.apply(new IndexSelect(a), x, index.reshape(-1)).reshape(dims);
    }

    static Tensor take(Tensor x, Tensor index) {
        checkNotNull(index, "take: index is null");
        checkIndexDtype("take", index.dtype());
        indices("take", index, x.size(), -1, x.shape()); // errors name take
        return Tensor.apply(new IndexSelect(0), x.reshape(-1), index.reshape(-1))
                .reshape(index.shape());
    }

    static Tensor gather(Tensor x, int axis, Tensor index) {
        checkNotNull(index, "gather: index is null");
        return Tensor.apply(new Gather(x.shape().axis(axis, "gather")), x, index);
    }

    static Tensor scatterAdd(Tensor target, int axis, Tensor index, Tensor source) {
        checkNotNull(index, "scatterAdd: index is null");
        checkNotNull(source, "scatterAdd: source is null");
        return Tensor.apply(new ScatterAdd(target.shape().axis(axis, "scatterAdd")),
                target, index, source);
    }

    static Tensor indexAdd(Tensor target, int axis, Tensor index, Tensor source) {
        checkNotNull(index, "indexAdd: index is null");
        checkNotNull(source, "indexAdd: source is null");
        return Tensor.apply(new IndexAdd(target.shape().axis(axis, "indexAdd")),
                target, index.rank() == 0 ? index.reshape(1) : index, source);
    }

    static Tensor maskedSelect(Tensor x, Tensor mask) {
        checkNotNull(mask, "maskedSelect: mask is null");
        Shape shape = Shape.broadcast(x.shape(), mask.shape(), "maskedSelect");
        Object flags = mask.stopGradient().broadcastTo(shape).storage();
        int[] positions = new int[shape.size()];
        int count = 0;
        for (int i = 0; i < positions.length; i++) {
            if (Storage.get(flags, i) != 0) {
                positions[count++] = i;
            }
        }
        return Tensor.apply(new IndexSelect(0), x.broadcastTo(shape).reshape(-1),
                Tensor.ofInts(Arrays.copyOf(positions, count)));
    }

    static Tensor oneHot(Tensor labels, int numClasses) {
        checkNotNull(labels, "oneHot: labels is null");
        checkArgument(labels.dtype().isInteger(),
                "oneHot: labels must be an int32 or int64 tensor, got %s (cast explicitly)",
                labels.dtype());
        checkArgument(numClasses > 0, "oneHot: numClasses must be positive, got %s", numClasses);
        int n = labels.size();
        double[] values = new double[Math.multiplyExact(n, numClasses)];
        Object data = labels.storage();
        for (int i = 0; i < n; i++) {
            long label = data instanceof int[] ? ((int[]) data)[i] : ((long[]) data)[i];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("oneHot: label " + label + " at position "
                        + position(i, labels.shape()) + " is outside the valid range 0.."
                        + (numClasses - 1));
            }
            values[i * numClasses + (int) label] = 1.0;
        }
        int[] dims = Arrays.copyOf(labels.shape().toArray(), labels.rank() + 1);
        dims[labels.rank()] = numClasses;
        return Kernels.result(Shape.of(dims), DType.FLOAT64, values);
    }

    // ---------------------------------------------------------------- checks shared by primitives

    /** Refuses an index tensor that is not int32 or int64, naming {@code op}. */
    static void checkIndexDtype(String op, DType dtype) {
        checkArgument(dtype.isInteger(),
                "%s: index must be an int32 or int64 tensor, got %s", op, dtype);
    }

    /**
     * The shape rule of {@link Gather} and {@link ScatterAdd}: {@code index} has {@code x}'s rank
     * and is no longer than it on every axis but {@code axis}.
     */
    static void checkAlongAxis(String op, int axis, Shape x, Shape index, String name) {
        checkArgument(axis < x.rank(), "%s: axis %s out of range for shape %s", op, axis, x);
        checkArgument(index.rank() == x.rank(),
                "%s: index of shape %s must have the rank of %s, shape %s", op, index, name, x);
        for (int d = 0; d < x.rank(); d++) {
            checkArgument(d == axis || index.dim(d) <= x.dim(d),
                    "%s: index of shape %s is longer than %s of shape %s on axis %s (only axis %s"
                            + " may differ freely)", op, index, name, x, d, axis);
        }
    }

    /**
     * The values of an int32 or int64 {@code index} tensor, negative ones wrapped by {@code n}.
     *
     * @param axis the indexed axis of {@code shape}, or -1 for flat indices into all elements
     * @throws IllegalArgumentException naming {@code op}, the offending index, its position in
     *     {@code index} and the valid range
     */
    static int[] indices(String op, Tensor index, int n, int axis, Shape shape) {
        checkIndexDtype(op, index.dtype());
        Object data = index.storage();
        int size = index.size();
        int[] out = new int[size];
        if (data instanceof int[]) {
            int[] in = (int[]) data;
            for (int i = 0; i < size; i++) {
                int value = in[i];
                if (value < -n || value >= n) {
                    throw outOfRange(op, value, i, index.shape(), n, axis, shape);
                }
                out[i] = value < 0 ? value + n : value;
            }
        } else {
            long[] in = (long[]) data;
            for (int i = 0; i < size; i++) {
                long value = in[i];
                if (value < -n || value >= n) {
                    throw outOfRange(op, value, i, index.shape(), n, axis, shape);
                }
                out[i] = (int) (value < 0 ? value + n : value);
            }
        }
        return out;
    }

    private static IllegalArgumentException outOfRange(String op, long value, int flat,
            Shape indexShape, int n, int axis, Shape shape) {
        String target = axis < 0 ? "the " + n + " elements of shape " + shape + " (flat indices)"
                : "axis " + axis + " of shape " + shape + " (size " + n + ")";
        String range = n == 0 ? "none: it is empty" : "-" + n + ".." + (n - 1);
        return new IllegalArgumentException(op + ": index " + value + " at position "
                + position(flat, indexShape) + " is out of range for " + target
                + " (valid range " + range + ")");
    }

    /** The coordinates of row-major position {@code flat} in {@code shape}, as {@code [1, 2]}. */
    static String position(int flat, Shape shape) {
        int[] coordinates = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            int dim = shape.dim(d);
            coordinates[d] = flat % dim;
            flat /= dim;
        }
        return Arrays.toString(coordinates);
    }
}
