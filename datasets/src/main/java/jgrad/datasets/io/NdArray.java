package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * An immutable n-dimensional array of one {@link ElementType}, in C (row-major) order: what an
 * NPY, NPZ or IDX file holds. The values are kept in the primitive type the file stores
 * ({@code byte[]} for {@code uint8}, {@code int[]} for {@code int32}, ...), copied in and copied
 * out, so integer data (labels, pixel bytes) is not forced through a floating-point tensor.
 *
 * <p>{@link #toTensor()} gives a {@link Tensor} of the same values: float64, float32, int32 and
 * int64 arrays keep their dtype; uint8, int8, int16 and bool arrays, for which jgrad's tensors
 * have no dtype, become int32 tensors (widened exactly; booleans as 0 and 1). {@link
 * #toFloatTensor()} gives float64 values instead, as features want them.
 *
 * <p>Equality is by value: element type, shape and contents ({@link Arrays#equals} per type, so
 * NaN equals NaN and {@code -0.0} differs from {@code 0.0}).
 *
 * <pre>{@code
 * jshell> NdArray.ofInts(new int[] {7, 2, 1}, 3)
 * $1 ==> NdArray[int32, shape [3]: 7, 2, 1]
 * jshell> $1.toTensor()
 * $2 ==> tensor([7, 2, 1], dtype=int32)
 * }</pre>
 */
public final class NdArray {

    private static final int SHOWN = 10;
    private static final long EXACT_LONG = 1L << 53;

    private final ElementType type;
    private final Shape shape;
    /** A primitive array: boolean[], byte[] (uint8 and int8), short[], int[], long[], ... */
    private final Object data;

    private NdArray(ElementType type, Shape shape, Object data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /** Wraps {@code data} (not copied) after checking its length; for readers in this package. */
    static NdArray wrap(ElementType type, Shape shape, Object data) {
        int length = java.lang.reflect.Array.getLength(data);
        checkArgument(length == shape.size(),
                "ndArray: %s values do not fill shape %s (%s elements)", length, shape,
                shape.size());
        return new NdArray(type, shape, data);
    }

    /** The backing primitive array, not copied; for writers in this package. */
    Object data() {
        return data;
    }

    // ---------------------------------------------------------------- creation

    /**
     * A float64 array of {@code shape} holding a copy of {@code values} (row-major).
     *
     * @throws IllegalArgumentException if the number of values differs from the shape's size
     */
    public static NdArray ofDoubles(double[] values, int... shape) {
        return wrap(ElementType.FLOAT64, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /** A float32 array; see {@link #ofDoubles}. */
    public static NdArray ofFloats(float[] values, int... shape) {
        return wrap(ElementType.FLOAT32, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /** An int32 array; see {@link #ofDoubles}. */
    public static NdArray ofInts(int[] values, int... shape) {
        return wrap(ElementType.INT32, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /** An int64 array; see {@link #ofDoubles}. */
    public static NdArray ofLongs(long[] values, int... shape) {
        return wrap(ElementType.INT64, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /** An int16 array; see {@link #ofDoubles}. */
    public static NdArray ofShorts(short[] values, int... shape) {
        return wrap(ElementType.INT16, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /** An int8 array (Java's signed bytes); see {@link #ofDoubles}. */
    public static NdArray ofBytes(byte[] values, int... shape) {
        return wrap(ElementType.INT8, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /**
     * A uint8 array whose bytes are read as unsigned, 0..255 (Java's {@code (byte) 255} is the
     * value 255 here); see {@link #ofDoubles}.
     */
    public static NdArray ofUnsignedBytes(byte[] values, int... shape) {
        return wrap(ElementType.UINT8, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /** A bool array; see {@link #ofDoubles}. */
    public static NdArray ofBooleans(boolean[] values, int... shape) {
        return wrap(ElementType.BOOL, Shape.of(shape), checkNotNull(values, "values").clone());
    }

    /**
     * The values of {@code tensor}, of the same dtype (float64, float32, int32 or int64). Shapes:
     * the tensor's.
     */
    public static NdArray of(Tensor tensor) {
        checkNotNull(tensor, "tensor");
        switch (tensor.dtype()) {
            case FLOAT32:
                return new NdArray(ElementType.FLOAT32, tensor.shape(), tensor.toFloatArray());
            case INT32:
                return new NdArray(ElementType.INT32, tensor.shape(), tensor.toIntArray());
            case INT64:
                return new NdArray(ElementType.INT64, tensor.shape(), tensor.toLongArray());
            default:
                return new NdArray(ElementType.FLOAT64, tensor.shape(), tensor.toArray());
        }
    }

    // ---------------------------------------------------------------- inspection

    /** The element type. */
    public ElementType elementType() {
        return type;
    }

    /** The shape; {@code []} for a 0-d array. */
    public Shape shape() {
        return shape;
    }

    /** The number of elements (1 for a 0-d array, 0 when a dimension is 0). */
    public int size() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /**
     * The element at {@code index} (one per dimension, none for a 0-d array) as a double: 0 or 1
     * for booleans, 0..255 for uint8.
     *
     * @throws IllegalArgumentException if the index has the wrong length or is out of range
     * @throws IllegalStateException if the element is an int64 beyond {@code ±2^53}
     */
    public double get(int... index) {
        checkArgument(index.length == shape.rank(),
                "ndArray get: %s indices for shape %s", index.length, shape);
        int offset = 0;
        for (int axis = 0; axis < index.length; axis++) {
            checkArgument(0 <= index[axis] && index[axis] < shape.dim(axis),
                    "ndArray get: index %s out of range for shape %s",
                    Arrays.toString(index), shape);
            offset = offset * shape.dim(axis) + index[axis];
        }
        return doubleAt(offset);
    }

    // ---------------------------------------------------------------- conversion

    /**
     * The values as a tensor of the same dtype: float64, float32, int32 or int64; uint8, int8,
     * int16 and bool arrays become int32 (widened exactly, booleans as 0 and 1), as jgrad's
     * tensors have no narrower integer dtype. Shapes: this array's.
     */
    public Tensor toTensor() {
        int[] dims = shape.toArray();
        switch (type) {
            case FLOAT64:
                return Tensor.of((double[]) data, shape, DType.FLOAT64);
            case FLOAT32:
                return Tensor.ofFloats((float[]) data, dims);
            case INT64:
                return Tensor.ofLongs((long[]) data, dims);
            case INT32:
                return Tensor.ofInts((int[]) data, dims);
            default:
                return Tensor.ofInts(toIntArray(), dims);
        }
    }

    /**
     * The values as a float64 tensor (float32 arrays stay float32), as features want them:
     * {@code toTensor()} for float arrays, the integer values converted exactly otherwise
     * (pixels 0..255, booleans 0 and 1). Shapes: this array's.
     *
     * @throws IllegalStateException if an int64 value is beyond {@code ±2^53} (it would round)
     */
    public Tensor toFloatTensor() {
        return type.isIntegral() ? Tensor.of(toDoubleArray(), shape, DType.FLOAT64) : toTensor();
    }

    /**
     * The values as a float32 tensor: float32 arrays as they are, others rounded to the nearest
     * float32 (exact for integers up to {@code 2^24}, such as pixels). Shapes: this array's.
     */
    public Tensor toFloat32Tensor() {
        if (type == ElementType.FLOAT32) {
            return toTensor();
        }
        float[] values = new float[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (type == ElementType.INT64 ? ((long[]) data)[i] : doubleAt(i));
        }
        return Tensor.ofFloats(values, shape.toArray());
    }

    /**
     * A copy of the values as doubles, row-major (booleans 0 and 1, uint8 0..255).
     *
     * @throws IllegalStateException if an int64 value is beyond {@code ±2^53}, naming it
     */
    public double[] toDoubleArray() {
        if (type == ElementType.FLOAT64) {
            return ((double[]) data).clone();
        }
        double[] values = new double[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = doubleAt(i);
        }
        return values;
    }

    /**
     * A copy of the float32 values.
     *
     * @throws IllegalStateException if this is not a float32 array (use {@link #toDoubleArray()})
     */
    public float[] toFloatArray() {
        requireType(ElementType.FLOAT32, "toFloatArray");
        return ((float[]) data).clone();
    }

    /**
     * A copy of the values of an integer or boolean array as ints (booleans 0 and 1, uint8
     * 0..255).
     *
     * @throws IllegalStateException if the array is floating point, or an int64 value does not
     *     fit in an int (naming it and its index)
     */
    public int[] toIntArray() {
        checkState(type.isIntegral(), "toIntArray: the array is %s, not an integer type", type);
        int[] values = new int[size()];
        for (int i = 0; i < values.length; i++) {
            long value = longAt(i);
            checkState(value == (int) value,
                    "toIntArray: int64 value %s at flat index %s does not fit in an int32",
                    value, i);
            values[i] = (int) value;
        }
        return values;
    }

    /** The values of a 1-D integer or boolean array as an {@link ImmutableIntArray}. */
    public ImmutableIntArray toImmutableIntArray() {
        checkState(shape.rank() == 1, "toImmutableIntArray: the array must be 1-D, got shape %s",
                shape);
        return ImmutableIntArray.copyOf(toIntArray());
    }

    /**
     * A copy of the values of an integer or boolean array as longs.
     *
     * @throws IllegalStateException if the array is floating point
     */
    public long[] toLongArray() {
        checkState(type.isIntegral(), "toLongArray: the array is %s, not an integer type", type);
        long[] values = new long[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = longAt(i);
        }
        return values;
    }

    /**
     * A copy of the values of a bool array.
     *
     * @throws IllegalStateException if this is not a bool array
     */
    public boolean[] toBooleanArray() {
        requireType(ElementType.BOOL, "toBooleanArray");
        return ((boolean[]) data).clone();
    }

    /**
     * A copy of the raw bytes of a uint8 or int8 array (uint8 values above 127 come out negative,
     * as Java bytes do).
     *
     * @throws IllegalStateException if this is not a uint8 or int8 array
     */
    public byte[] toByteArray() {
        checkState(type == ElementType.UINT8 || type == ElementType.INT8,
                "toByteArray: the array is %s, not uint8 or int8", type);
        return ((byte[]) data).clone();
    }

    /** The same values with another shape of the same size (row-major order is kept). */
    public NdArray reshape(int... newShape) {
        Shape target = Shape.of(newShape);
        checkArgument(target.size() == size(), "ndArray reshape: cannot reshape %s (%s elements)"
                + " to %s (%s elements)", shape, size(), target, target.size());
        return new NdArray(type, target, data);
    }

    private double doubleAt(int i) {
        switch (type) {
            case FLOAT64:
                return ((double[]) data)[i];
            case FLOAT32:
                return ((float[]) data)[i];
            case INT64:
                long value = ((long[]) data)[i];
                checkState(-EXACT_LONG <= value && value <= EXACT_LONG,
                        "int64 value %s at flat index %s is beyond 2^53 and would round in "
                                + "float64", value, i);
                return value;
            default:
                return longAt(i);
        }
    }

    private long longAt(int i) {
        switch (type) {
            case BOOL:
                return ((boolean[]) data)[i] ? 1 : 0;
            case UINT8:
                return Byte.toUnsignedInt(((byte[]) data)[i]);
            case INT8:
                return ((byte[]) data)[i];
            case INT16:
                return ((short[]) data)[i];
            case INT32:
                return ((int[]) data)[i];
            case INT64:
                return ((long[]) data)[i];
            default:
                throw new IllegalStateException("longAt: " + type + " is not an integer type");
        }
    }

    private void requireType(ElementType expected, String operation) {
        checkState(type == expected, "%s: the array is %s, not %s", operation, type, expected);
    }

    // ---------------------------------------------------------------- value semantics

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof NdArray that)) {
            return false;
        }
        return type == that.type && shape.equals(that.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {that.data});
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + shape.hashCode())
                + Arrays.deepHashCode(new Object[] {data});
    }

    /** {@code NdArray[uint8, shape [2, 2, 3]: 0, 20, 40, 60, ...]}, at most ten values. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("NdArray[").append(type).append(", shape ")
                .append(shape).append(':');
        int shown = Math.min(size(), SHOWN);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? " " : ", ").append(elementText(i));
        }
        if (size() > shown) {
            text.append(", ... (").append(size()).append(" values)");
        }
        return text.append(']').toString();
    }

    private String elementText(int i) {
        switch (type) {
            case FLOAT64:
                return Double.toString(((double[]) data)[i]);
            case FLOAT32:
                return Float.toString(((float[]) data)[i]);
            case BOOL:
                return ((boolean[]) data)[i] ? "true" : "false";
            default:
                return Long.toString(longAt(i));
        }
    }
}
