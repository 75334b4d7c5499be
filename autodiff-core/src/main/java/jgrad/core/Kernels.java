package jgrad.core;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The forward kernels: raw loops over row-major {@code double[]} storage. Every result is rounded
 * to its dtype here, in one place. Nothing in this class records a graph; primitives call it from
 * {@code forward} only.
 */
final class Kernels {

    private Kernels() {}

    static Tensor map(Tensor x, DoubleUnaryOperator f) {
        double[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return result(x.shape(), x.dtype(), out);
    }

    static Tensor zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
        double[] x = a.data();
        double[] y = b.data();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i], y[i]);
        }
        return result(a.shape(), a.dtype(), out);
    }

    static Tensor where(Tensor mask, Tensor a, Tensor b) {
        double[] m = mask.data();
        double[] x = a.data();
        double[] y = b.data();
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] != 0 ? x[i] : y[i];
        }
        return result(a.shape(), a.dtype(), out);
    }

    static Tensor cast(Tensor x, DType dtype) {
        return result(x.shape(), dtype, x.data().clone());
    }

    /** Copies {@code x} to {@code target}, reading a broadcast axis again for each position. */
    static Tensor broadcastTo(Tensor x, Shape target) {
        int offset = target.rank() - x.rank();
        int[] strides = new int[target.rank()];
        int[] inStrides = x.shape().strides();
        for (int i = 0; i < x.rank(); i++) {
            strides[i + offset] = x.shape().dim(i) == 1 ? 0 : inStrides[i];
        }
        int[] source = offsets(target, strides);
        double[] in = x.data();
        double[] out = new double[source.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = in[source[i]];
        }
        return result(target, x.dtype(), out);
    }

    /** Sums over {@code axes} (sorted, distinct); the result drops those axes. */
    static Tensor reduceSum(Tensor x, int[] axes, Shape outShape) {
        int[] target = reductionTargets(x.shape(), axes);
        double[] in = x.data();
        double[] out = new double[outShape.size()];
        for (int i = 0; i < in.length; i++) {
            out[target[i]] += in[i];
        }
        return result(outShape, x.dtype(), out);
    }

    /** Maximum over {@code axes}; NaN wins, as in NumPy. Empty reductions are refused earlier. */
    static Tensor reduceMax(Tensor x, int[] axes, Shape outShape) {
        int[] target = reductionTargets(x.shape(), axes);
        double[] in = x.data();
        double[] out = new double[outShape.size()];
        java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            int t = target[i];
            if (v > out[t] || Double.isNaN(v)) {
                out[t] = v;
            }
        }
        return result(outShape, x.dtype(), out);
    }

    static Tensor permute(Tensor x, int[] order, Shape outShape) {
        int[] inStrides = x.shape().strides();
        int[] strides = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            strides[i] = inStrides[order[i]];
        }
        int[] source = offsets(outShape, strides);
        double[] in = x.data();
        double[] out = new double[source.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = in[source[i]];
        }
        return result(outShape, x.dtype(), out);
    }

    /** The strided gather: output index {@code i} reads input index {@code starts + i * steps}. */
    static Tensor slice(Tensor x, int[] starts, int[] steps, Shape outShape) {
        int[] inStrides = x.shape().strides();
        int[] strides = new int[inStrides.length];
        int base = 0;
        for (int d = 0; d < strides.length; d++) {
            strides[d] = inStrides[d] * steps[d];
            base += inStrides[d] * starts[d];
        }
        int[] source = offsets(outShape, strides);
        double[] in = x.data();
        double[] out = new double[source.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = in[base + source[i]];
        }
        return result(outShape, x.dtype(), out);
    }

    /**
     * The strided scatter into zeros, the transpose of {@link #slice}: input index {@code i} is
     * written to output index {@code starts + i * steps}; every other element is 0.
     */
    static Tensor pad(Tensor x, int[] starts, int[] steps, Shape outShape) {
        int[] outStrides = outShape.strides();
        int[] strides = new int[outStrides.length];
        int base = 0;
        for (int d = 0; d < strides.length; d++) {
            strides[d] = outStrides[d] * steps[d];
            base += outStrides[d] * starts[d];
        }
        int[] target = offsets(x.shape(), strides);
        double[] in = x.data();
        double[] out = new double[outShape.size()];
        for (int i = 0; i < in.length; i++) {
            out[base + target[i]] = in[i];
        }
        return result(outShape, x.dtype(), out);
    }

    /** {@code [m, k] x [k, n] -> [m, n]}, i-k-j order so the inner loop runs along rows. */
    static Tensor matmul(Tensor a, Tensor b) {
        int m = a.shape().dim(0);
        int k = a.shape().dim(1);
        int n = b.shape().dim(1);
        double[] x = a.data();
        double[] y = b.data();
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int p = 0; p < k; p++) {
                double xip = x[i * k + p];
                int col = p * n;
                for (int j = 0; j < n; j++) {
                    out[row + j] += xip * y[col + j];
                }
            }
        }
        return result(Shape.of(m, n), a.dtype(), out);
    }

    static boolean containsZero(Tensor x) {
        for (double v : x.data()) {
            if (v == 0) {
                return true;
            }
        }
        return false;
    }

    static boolean containsNaN(Tensor x) {
        for (double v : x.data()) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    static boolean allFinite(Tensor x) {
        for (double v : x.data()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** For each input position, the output position it reduces into. */
    private static int[] reductionTargets(Shape shape, int[] axes) {
        int rank = shape.rank();
        boolean[] reduced = new boolean[rank];
        for (int axis : axes) {
            reduced[axis] = true;
        }
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            if (!reduced[i]) {
                strides[i] = stride;
                stride *= shape.dim(i);
            }
        }
        return offsets(shape, strides);
    }

    /**
     * For every position of {@code shape} in row-major order, {@code sum(index[d] * strides[d])}:
     * an odometer, so the cost is one addition per element rather than a division per axis.
     */
    static int[] offsets(Shape shape, int[] strides) {
        int rank = shape.rank();
        int size = shape.size();
        int[] out = new int[size];
        if (size == 0) {
            return out;
        }
        int[] dims = shape.toArray();
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < size; i++) {
            out[i] = offset;
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < dims[d]) {
                    break;
                }
                offset -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /** Wraps freshly computed storage, rounding it to {@code dtype}. */
    static Tensor result(Shape shape, DType dtype, double[] values) {
        dtype.round(values);
        return new Tensor(shape, dtype, values, null);
    }
}
