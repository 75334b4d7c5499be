package jgrad.core.kernels;

/**
 * The indexing kernels: selections by integer indices along an axis and their transposes, the
 * accumulating scatters, on any of the arrays that hold tensors ({@code double[]}, {@code
 * float[]}, {@code int[]}, {@code long[]}). Indices arrive normalised and checked ({@code 0 <=
 * index < n}); the arrays are row-major and viewed as {@code [outer, n, inner]} around the indexed
 * axis. Scatters add in index order, so repeated indices accumulate deterministically; integer
 * sums wrap on overflow, as Java's and PyTorch's integer arithmetic do.
 */
public final class Indexing {

    private Indexing() {}

    /**
     * {@code out[o, i, j] = source[o, index[i], j]}: rows of a {@code [outer, n, inner]} array
     * picked by {@code index}, giving {@code [outer, index.length, inner]}, of the source's type.
     */
    public static Object indexSelect(Object source, int outer, int n, int inner, int[] index) {
        int k = index.length;
        if (inner == 1) {
            int[] offsets = new int[outer * k];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < k; i++) {
                    offsets[o * k + i] = o * n + index[i];
                }
            }
            return Movement.gather(source, offsets);
        }
        Object out = allocateLike(source, outer * k * inner);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < k; i++) {
                System.arraycopy(source, (o * n + index[i]) * inner, out, (o * k + i) * inner,
                        inner);
            }
        }
        return out;
    }

    /**
     * {@code target[o, index[i], j] += source[o, i, j]} in place, for a {@code [outer, n, inner]}
     * target and a {@code [outer, index.length, inner]} source of the same type: the transpose of
     * {@link #indexSelect}. Rows picked more than once receive every contribution.
     */
    public static void indexAdd(Object target, int outer, int n, int inner, int[] index,
            Object source) {
        int k = index.length;
        if (target instanceof double[]) {
            double[] t = (double[]) target;
            double[] s = (double[]) source;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < k; i++) {
                    int to = (o * n + index[i]) * inner;
                    int so = (o * k + i) * inner;
                    for (int j = 0; j < inner; j++) {
                        t[to + j] += s[so + j];
                    }
                }
            }
        } else if (target instanceof float[]) {
            float[] t = (float[]) target;
            float[] s = (float[]) source;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < k; i++) {
                    int to = (o * n + index[i]) * inner;
                    int so = (o * k + i) * inner;
                    for (int j = 0; j < inner; j++) {
                        t[to + j] += s[so + j];
                    }
                }
            }
        } else if (target instanceof int[]) {
            int[] t = (int[]) target;
            int[] s = (int[]) source;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < k; i++) {
                    int to = (o * n + index[i]) * inner;
                    int so = (o * k + i) * inner;
                    for (int j = 0; j < inner; j++) {
                        t[to + j] += s[so + j];
                    }
                }
            }
        } else {
            long[] t = (long[]) target;
            long[] s = (long[]) source;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < k; i++) {
                    int to = (o * n + index[i]) * inner;
                    int so = (o * k + i) * inner;
                    for (int j = 0; j < inner; j++) {
                        t[to + j] += s[so + j];
                    }
                }
            }
        }
    }

    /**
     * The flat offsets into a row-major array of {@code strides} that {@code torch.gather} reads
     * (and {@code scatter_add} writes) along {@code axis}: for each position {@code p} of an index
     * array of {@code indexDims} (row-major), its coordinates with the one on {@code axis}
     * replaced by {@code index[p]}.
     */
    public static int[] alongAxis(int[] indexDims, int[] strides, int axis, int[] index) {
        int[] others = strides.clone();
        others[axis] = 0;
        int[] offsets = Movement.offsets(indexDims, others, 0);
        int stride = strides[axis];
        for (int p = 0; p < offsets.length; p++) {
            offsets[p] += index[p] * stride;
        }
        return offsets;
    }

    /**
     * {@code target[offsets[i]] += source[i]} in place, arrays of the same type: the transpose of
     * {@link Movement#gather}. Offsets that repeat receive every contribution.
     */
    public static void scatterAdd(Object target, int[] offsets, Object source) {
        int n = offsets.length;
        if (target instanceof double[]) {
            double[] t = (double[]) target;
            double[] s = (double[]) source;
            for (int i = 0; i < n; i++) {
                t[offsets[i]] += s[i];
            }
        } else if (target instanceof float[]) {
            float[] t = (float[]) target;
            float[] s = (float[]) source;
            for (int i = 0; i < n; i++) {
                t[offsets[i]] += s[i];
            }
        } else if (target instanceof int[]) {
            int[] t = (int[]) target;
            int[] s = (int[]) source;
            for (int i = 0; i < n; i++) {
                t[offsets[i]] += s[i];
            }
        } else {
            long[] t = (long[]) target;
            long[] s = (long[]) source;
            for (int i = 0; i < n; i++) {
                t[offsets[i]] += s[i];
            }
        }
    }

    /** A zero-filled array of {@code length} elements of {@code like}'s type. */
    static Object allocateLike(Object like, int length) {
        if (like instanceof double[]) {
            return new double[length];
        }
        if (like instanceof float[]) {
            return new float[length];
        }
        if (like instanceof int[]) {
            return new int[length];
        }
        return new long[length];
    }
}
