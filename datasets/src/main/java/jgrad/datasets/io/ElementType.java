package jgrad.datasets.io;

/**
 * The element type of an {@link NdArray}, as NumPy names it ({@code str(array.dtype)}), with the
 * NumPy type code ({@code array.dtype.kind} and {@code array.dtype.itemsize}) and the size of one
 * element in bytes.
 */
public enum ElementType {
    /** Booleans, one byte each (0 or 1); NumPy {@code bool}, code {@code b1}. */
    BOOL("bool", 'b', 1),
    /** Unsigned 8-bit integers 0..255; NumPy {@code uint8}, code {@code u1}. */
    UINT8("uint8", 'u', 1),
    /** Signed 8-bit integers; NumPy {@code int8}, code {@code i1}. */
    INT8("int8", 'i', 1),
    /** Signed 16-bit integers; NumPy {@code int16}, code {@code i2}. */
    INT16("int16", 'i', 2),
    /** Signed 32-bit integers; NumPy {@code int32}, code {@code i4}. */
    INT32("int32", 'i', 4),
    /** Signed 64-bit integers; NumPy {@code int64}, code {@code i8}. */
    INT64("int64", 'i', 8),
    /** IEEE 754 binary32; NumPy {@code float32}, code {@code f4}. */
    FLOAT32("float32", 'f', 4),
    /** IEEE 754 binary64; NumPy {@code float64}, code {@code f8}. */
    FLOAT64("float64", 'f', 8);

    private final String displayName;
    private final char kind;
    private final int byteSize;

    ElementType(String displayName, char kind, int byteSize) {
        this.displayName = displayName;
        this.kind = kind;
        this.byteSize = byteSize;
    }

    /** The size of one element in bytes. */
    public int byteSize() {
        return byteSize;
    }

    /** NumPy's kind character: {@code b} bool, {@code u} unsigned, {@code i} signed, {@code f}. */
    public char kind() {
        return kind;
    }

    /** Whether the values are integers (booleans count as the integers 0 and 1). */
    public boolean isIntegral() {
        return kind != 'f';
    }

    /**
     * The type with NumPy's kind character and item size ({@code 'f', 8} is {@link #FLOAT64}), or
     * null if there is none here (complex, unsigned wider than a byte, half precision, ...).
     */
    static ElementType fromCode(char kind, int byteSize) {
        for (ElementType type : values()) {
            if (type.kind == kind && type.byteSize == byteSize) {
                return type;
            }
        }
        return null;
    }

    /** NumPy's name: {@code float64}, {@code uint8}, {@code bool}, ... */
    @Override
    public String toString() {
        return displayName;
    }
}
