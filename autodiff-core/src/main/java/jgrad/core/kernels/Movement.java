package jgrad.core.kernels;

/**
 * Dtype-independent data movement: gathers and scatters through index maps, on any of the
 * primitive arrays that hold tensors ({@code double[]}, {@code float[]}, {@code int[]}, {@code
 * long[]}).
 */
public final class Movement {

    private Movement() {}

    /**
     * For every position of {@code dims} in row-major order, {@code base + sum(index[d] *
     * strides[d])}: an odometer, one addition per element rather than a division per axis.
     */
    public static int[] offsets(int[] dims, int[] strides, int base) {
        int size = 1;
        for (int dim : dims) {
            size *= dim;
        }
        int[] out = new int[size];
        if (size == 0) {
            return out;
        }
        int rank = dims.length;
        int[] index = new int[rank];
        int offset = base;
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

    /** {@code out[i] = source[index[i]]}, an array of the source's type. */
    public static Object gather(Object source, int[] index) {
        int n = index.length;
        if (source instanceof double[]) {
            double[] in = (double[]) source;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = in[index[i]];
            }
            return out;
        }
        if (source instanceof float[]) {
            float[] in = (float[]) source;
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = in[index[i]];
            }
            return out;
        }
        if (source instanceof int[]) {
            int[] in = (int[]) source;
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = in[index[i]];
            }
            return out;
        }
        long[] in = (long[]) source;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = in[index[i]];
        }
        return out;
    }

    /**
     * {@code out[index[i]] = source[i]} into zeros of {@code length}, an array of the source's
     * type; the indices must be distinct.
     */
    public static Object scatter(Object source, int[] index, int length) {
        int n = index.length;
        if (source instanceof double[]) {
            double[] in = (double[]) source;
            double[] out = new double[length];
            for (int i = 0; i < n; i++) {
                out[index[i]] = in[i];
            }
            return out;
        }
        if (source instanceof float[]) {
            float[] in = (float[]) source;
            float[] out = new float[length];
            for (int i = 0; i < n; i++) {
                out[index[i]] = in[i];
            }
            return out;
        }
        if (source instanceof int[]) {
            int[] in = (int[]) source;
            int[] out = new int[length];
            for (int i = 0; i < n; i++) {
                out[index[i]] = in[i];
            }
            return out;
        }
        long[] in = (long[]) source;
        long[] out = new long[length];
        for (int i = 0; i < n; i++) {
            out[index[i]] = in[i];
        }
        return out;
    }

    /**
     * The concatenation of {@code parts} along an axis, each viewed as {@code [outer, blocks[p]]}
     * (its length along the axis times the size of the axes after it), into {@code out} of the
     * same type, viewed as {@code [outer, sum(blocks)]}: for each outer index, the parts' blocks
     * one after another.
     */
    public static void concat(Object[] parts, int[] blocks, int outer, Object out) {
        int offset = 0;
        for (int o = 0; o < outer; o++) {
            for (int p = 0; p < parts.length; p++) {
                System.arraycopy(parts[p], o * blocks[p], out, offset, blocks[p]);
                offset += blocks[p];
            }
        }
    }

    /**
     * The transpose of a row-major {@code [rows, columns]} matrix stored at {@code offset} in
     * each of {@code count} consecutive blocks, in tiles so that both sides stay in cache.
     */
    public static Object transposeLastTwo(Object source, int count, int rows, int columns) {
        int block = rows * columns;
        int tile = 32;
        if (source instanceof double[]) {
            double[] in = (double[]) source;
            double[] out = new double[in.length];
            for (int c = 0; c < count; c++) {
                int base = c * block;
                for (int i0 = 0; i0 < rows; i0 += tile) {
                    for (int j0 = 0; j0 < columns; j0 += tile) {
                        int iEnd = Math.min(rows, i0 + tile);
                        int jEnd = Math.min(columns, j0 + tile);
                        for (int i = i0; i < iEnd; i++) {
                            for (int j = j0; j < jEnd; j++) {
                                out[base + j * rows + i] = in[base + i * columns + j];
                            }
                        }
                    }
                }
            }
            return out;
        }
        if (source instanceof float[]) {
            float[] in = (float[]) source;
            float[] out = new float[in.length];
            for (int c = 0; c < count; c++) {
                int base = c * block;
                for (int i0 = 0; i0 < rows; i0 += tile) {
                    for (int j0 = 0; j0 < columns; j0 += tile) {
                        int iEnd = Math.min(rows, i0 + tile);
                        int jEnd = Math.min(columns, j0 + tile);
                        for (int i = i0; i < iEnd; i++) {
                            for (int j = j0; j < jEnd; j++) {
                                out[base + j * rows + i] = in[base + i * columns + j];
                            }
                        }
                    }
                }
            }
            return out;
        }
        int[] index = new int[count * block];
        int k = 0;
        for (int c = 0; c < count; c++) {
            for (int j = 0; j < columns; j++) {
                for (int i = 0; i < rows; i++) {
                    index[k++] = c * block + i * columns + j;
                }
            }
        }
        return gather(source, index);
    }
}
