package jgrad.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads and writes the elements of an {@link NdArray} as raw bytes in a given byte order, in
 * chunks, so that a header which claims more data than the input holds costs no more memory than
 * the data actually present (the target array grows as data arrives, up to the claimed count).
 */
final class ElementCodec {

    /** Bytes decoded per step; a multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 16;
    /** Elements allocated up front when the input's length is not known to cover the claim. */
    private static final int INITIAL_ELEMENTS = 1 << 20;

    /** Builds the error for data that ends early: expected and actual byte counts. */
    @FunctionalInterface
    interface Truncated {
        RuntimeException error(long expectedBytes, long actualBytes);
    }

    private ElementCodec() {}

    /**
     * Reads {@code count} elements of {@code type} in {@code order} from {@code in} into a new
     * primitive array of length {@code count}.
     *
     * @param verified whether the input is known to hold all the claimed bytes (a file whose size
     *     was checked); if not, the array starts small and grows as data arrives
     * @throws RuntimeException built by {@code truncated} if the input ends early
     */
    static Object read(InputStream in, ElementType type, ByteOrder order, int count,
            boolean verified, Truncated truncated) throws IOException {
        int size = type.byteSize();
        long totalBytes = (long) count * size;
        int capacity = verified ? count : Math.min(count, INITIAL_ELEMENTS);
        Object target = allocate(type, capacity);
        byte[] chunk = new byte[(int) Math.min(totalBytes, CHUNK_BYTES)];
        long done = 0;
        int filled = 0;
        while (done < totalBytes) {
            int want = (int) Math.min(chunk.length, totalBytes - done);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw truncated.error(totalBytes, done + got);
            }
            int elements = want / size;
            if (filled + elements > capacity) {
                capacity = (int) Math.min(count,
                        Math.max(2L * capacity, (long) filled + elements));
                target = grow(target, capacity);
            }
            decode(ByteBuffer.wrap(chunk, 0, want).order(order), type, target, filled, elements);
            filled += elements;
            done += want;
        }
        return target;
    }

    /** Writes all elements of {@code array} to {@code out} in {@code order}. */
    static void write(OutputStream out, NdArray array, ByteOrder order) throws IOException {
        ElementType type = array.elementType();
        Object data = array.data();
        int count = array.size();
        int perChunk = CHUNK_BYTES / type.byteSize();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(order);
        for (int start = 0; start < count; start += perChunk) {
            int n = Math.min(perChunk, count - start);
            buffer.clear();
            encode(buffer, type, data, start, n);
            out.write(buffer.array(), 0, n * type.byteSize());
        }
    }

    /**
     * The C-order (row-major) array of a Fortran-order (column-major) one: {@code data} holds
     * element {@code (i0, ..., ik)} of {@code shape} at {@code i0 + d0 * (i1 + d1 * (i2 + ...))}.
     */
    static Object fortranToC(Object data, ElementType type, int[] shape) {
        int n = java.lang.reflect.Array.getLength(data);
        int rank = shape.length;
        int[] stride = new int[rank];
        int step = 1;
        for (int axis = 0; axis < rank; axis++) {
            stride[axis] = step;
            step *= shape[axis];
        }
        int[] index = new int[rank];
        int[] source = new int[n];
        int offset = 0;
        for (int c = 0; c < n; c++) {
            source[c] = offset;
            for (int axis = rank - 1; axis >= 0; axis--) {
                index[axis]++;
                offset += stride[axis];
                if (index[axis] < shape[axis]) {
                    break;
                }
                offset -= stride[axis] * shape[axis];
                index[axis] = 0;
            }
        }
        Object target = allocate(type, n);
        for (int c = 0; c < n; c++) {
            System.arraycopy(data, source[c], target, c, 1);
        }
        return target;
    }

    static Object allocate(ElementType type, int length) {
        switch (type) {
            case BOOL:
                return new boolean[length];
            case UINT8:
            case INT8:
                return new byte[length];
            case INT16:
                return new short[length];
            case INT32:
                return new int[length];
            case INT64:
                return new long[length];
            case FLOAT32:
                return new float[length];
            case FLOAT64:
                return new double[length];
            default:
                throw new IllegalStateException("allocate: unknown type " + type);
        }
    }

    private static Object grow(Object data, int length) {
        if (data instanceof boolean[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof byte[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof short[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof int[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof long[] values) {
            return Arrays.copyOf(values, length);
        } else if (data instanceof float[] values) {
            return Arrays.copyOf(values, length);
        }
        return Arrays.copyOf((double[]) data, length);
    }

    private static void decode(ByteBuffer bytes, ElementType type, Object target, int offset,
            int n) {
        switch (type) {
            case BOOL:
                boolean[] flags = (boolean[]) target;
                for (int i = 0; i < n; i++) {
                    flags[offset + i] = bytes.get(i) != 0;
                }
                break;
            case UINT8:
            case INT8:
                bytes.get((byte[]) target, offset, n);
                break;
            case INT16:
                bytes.asShortBuffer().get((short[]) target, offset, n);
                break;
            case INT32:
                bytes.asIntBuffer().get((int[]) target, offset, n);
                break;
            case INT64:
                bytes.asLongBuffer().get((long[]) target, offset, n);
                break;
            case FLOAT32:
                bytes.asFloatBuffer().get((float[]) target, offset, n);
                break;
            case FLOAT64:
                bytes.asDoubleBuffer().get((double[]) target, offset, n);
                break;
            default:
                throw new IllegalStateException("decode: unknown type " + type);
        }
    }

    private static void encode(ByteBuffer bytes, ElementType type, Object source, int offset,
            int n) {
        switch (type) {
            case BOOL:
                boolean[] flags = (boolean[]) source;
                for (int i = 0; i < n; i++) {
                    bytes.put(i, (byte) (flags[offset + i] ? 1 : 0));
                }
                break;
            case UINT8:
            case INT8:
                bytes.put((byte[]) source, offset, n);
                break;
            case INT16:
                bytes.asShortBuffer().put((short[]) source, offset, n);
                break;
            case INT32:
                bytes.asIntBuffer().put((int[]) source, offset, n);
                break;
            case INT64:
                bytes.asLongBuffer().put((long[]) source, offset, n);
                break;
            case FLOAT32:
                bytes.asFloatBuffer().put((float[]) source, offset, n);
                break;
            case FLOAT64:
                bytes.asDoubleBuffer().put((double[]) source, offset, n);
                break;
            default:
                throw new IllegalStateException("encode: unknown type " + type);
        }
    }
}
