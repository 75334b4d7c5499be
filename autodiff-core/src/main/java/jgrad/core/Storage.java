package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * The typed arrays behind tensors: {@code double[]}, {@code float[]}, {@code int[]} or {@code
 * long[]} by {@link DType}. Conversions between them and from user-supplied values live here, in
 * one place; the kernels that compute on them are in {@code jgrad.core.kernels}.
 */
final class Storage {

    private Storage() {}

    /**
     * A zero-filled array of {@code n} elements for {@code dtype}.
     *
     * @throws IllegalArgumentException if the heap cannot hold it, naming the size (a single
     *     allocation this large is the caller's request, not a leak: the rest of the heap is
     *     untouched)
     */
    static Object allocate(DType dtype, int n) {
        try {
            return allocateOrFail(dtype, n);
        } catch (OutOfMemoryError e) {
            throw tooLarge(dtype, n, e);
        }
    }

    private static IllegalArgumentException tooLarge(DType dtype, int n, OutOfMemoryError e) {
        long bytes = (long) n * (dtype == DType.FLOAT32 || dtype == DType.INT32 ? 4 : 8);
        return new IllegalArgumentException("tensor: " + n + " " + dtype + " elements need "
                + bytes / (1 << 20) + " MiB, more than the Java heap can give (raise -Xmx)", e);
    }

    private static Object allocateOrFail(DType dtype, int n) {
        switch (dtype) {
            case FLOAT64: return new double[n];
            case FLOAT32: return new float[n];
            case INT32: return new int[n];
            case INT64: return new long[n];
            default: throw new AssertionError(dtype);
        }
    }

    /** An array of {@code n} elements all equal to {@code value} converted to {@code dtype}. */
    static Object filled(DType dtype, int n, double value, String op) {
        try {
            return fill(dtype, n, value, op);
        } catch (OutOfMemoryError e) {
            throw tooLarge(dtype, n, e);
        }
    }

    private static Object fill(DType dtype, int n, double value, String op) {
        switch (dtype) {
            case FLOAT64: {
                double[] out = new double[n];
                Arrays.fill(out, value);
                return out;
            }
            case FLOAT32: {
                float[] out = new float[n];
                Arrays.fill(out, (float) value);
                return out;
            }
            case INT32: {
                int[] out = new int[n];
                Arrays.fill(out, (int) integral(value, dtype, op));
                return out;
            }
            case INT64: {
                long[] out = new long[n];
                Arrays.fill(out, integral(value, dtype, op));
                return out;
            }
            default: throw new AssertionError(dtype);
        }
    }

    /**
     * {@code values} converted to {@code dtype}'s storage: float32 rounds to nearest; the integer
     * dtypes take only whole numbers in their range. May return {@code values} itself for
     * float64 (callers pass a copy they own).
     *
     * @throws IllegalArgumentException naming {@code op} for a value an integer dtype cannot hold
     */
    static Object fromDoubles(double[] values, DType dtype, String op) {
        switch (dtype) {
            case FLOAT64:
                return values;
            case FLOAT32: {
                float[] out = new float[values.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) values[i];
                }
                return out;
            }
            case INT32: {
                int[] out = new int[values.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (int) integral(values[i], dtype, op);
                }
                return out;
            }
            case INT64: {
                long[] out = new long[values.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = integral(values[i], dtype, op);
                }
                return out;
            }
            default: throw new AssertionError(dtype);
        }
    }

    private static long integral(double value, DType dtype, String op) {
        double limit = dtype == DType.INT32 ? 0x1p31 : 0x1p63;
        checkArgument(value == Math.rint(value) && -limit <= value && value < limit,
                "%s: %s is not a whole number that %s holds", op, value, dtype);
        return (long) value;
    }

    /**
     * Elementwise conversion to {@code to}: float to float rounds to nearest; float to integer
     * truncates toward zero, as C, NumPy and PyTorch casts do (NaN becomes 0 and out-of-range
     * values saturate, Java's rule); integer to float rounds to nearest.
     */
    static Object cast(Object data, DType to) {
        int n = length(data);
        switch (to) {
            case FLOAT64: {
                double[] out = new double[n];
                if (data instanceof float[]) {
                    float[] in = (float[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = in[i];
                    }
                } else if (data instanceof int[]) {
                    int[] in = (int[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = in[i];
                    }
                } else if (data instanceof long[]) {
                    long[] in = (long[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = in[i];
                    }
                } else {
                    System.arraycopy((double[]) data, 0, out, 0, n);
                }
                return out;
            }
            case FLOAT32: {
                float[] out = new float[n];
                if (data instanceof double[]) {
                    double[] in = (double[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = (float) in[i];
                    }
                } else if (data instanceof int[]) {
                    int[] in = (int[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = in[i];
                    }
                } else if (data instanceof long[]) {
                    long[] in = (long[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = in[i];
                    }
                } else {
                    System.arraycopy((float[]) data, 0, out, 0, n);
                }
                return out;
            }
            case INT32: {
                int[] out = new int[n];
                if (data instanceof long[]) {
                    long[] in = (long[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = (int) in[i];
                    }
                } else if (data instanceof int[]) {
                    System.arraycopy((int[]) data, 0, out, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = (int) get(data, i);
                    }
                }
                return out;
            }
            case INT64: {
                long[] out = new long[n];
                if (data instanceof int[]) {
                    int[] in = (int[]) data;
                    for (int i = 0; i < n; i++) {
                        out[i] = in[i];
                    }
                } else if (data instanceof long[]) {
                    System.arraycopy((long[]) data, 0, out, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = (long) get(data, i);
                    }
                }
                return out;
            }
            default: throw new AssertionError(to);
        }
    }

    /** The number of elements. */
    static int length(Object data) {
        if (data instanceof double[]) {
            return ((double[]) data).length;
        }
        if (data instanceof float[]) {
            return ((float[]) data).length;
        }
        if (data instanceof int[]) {
            return ((int[]) data).length;
        }
        return ((long[]) data).length;
    }

    /** Element {@code i} as a double (int64 values beyond 2^53 round to nearest). */
    static double get(Object data, int i) {
        if (data instanceof double[]) {
            return ((double[]) data)[i];
        }
        if (data instanceof float[]) {
            return ((float[]) data)[i];
        }
        if (data instanceof int[]) {
            return ((int[]) data)[i];
        }
        return ((long[]) data)[i];
    }

    /** A float64 copy of the elements. */
    static double[] toDoubles(Object data) {
        return (double[]) cast(data, DType.FLOAT64);
    }

    /** A copy of the array, of the same type. */
    static Object copy(Object data) {
        if (data instanceof double[]) {
            return ((double[]) data).clone();
        }
        if (data instanceof float[]) {
            return ((float[]) data).clone();
        }
        if (data instanceof int[]) {
            return ((int[]) data).clone();
        }
        return ((long[]) data).clone();
    }

    /** Whether {@code data} is the array type that holds {@code dtype}. */
    static boolean holds(Object data, DType dtype) {
        switch (dtype) {
            case FLOAT64: return data instanceof double[];
            case FLOAT32: return data instanceof float[];
            case INT32: return data instanceof int[];
            case INT64: return data instanceof long[];
            default: return false;
        }
    }
}
