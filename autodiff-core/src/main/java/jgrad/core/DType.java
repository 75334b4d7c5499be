package jgrad.core;

/**
 * The element type of a tensor, and so its storage: {@code double[]} for {@link #FLOAT64}, {@code
 * float[]} for {@link #FLOAT32}, {@code int[]} for {@link #INT32} and {@code long[]} for {@link
 * #INT64}. Binary operations require equal dtypes: jgrad never promotes silently, {@link
 * Tensor#cast(DType)} converts explicitly.
 *
 * <p>The float dtypes are IEEE 754 binary64 and binary32: float32 arithmetic ({@code + - * /},
 * {@code sqrt}) is done in float, other functions in double and rounded once. The integer dtypes
 * hold indices, labels and counts: they are never differentiated (an {@link Autodiff} call or
 * {@link Tensor#requiresGrad()} on one is an error naming it), support the movement operations,
 * comparisons and the other masks ({@code logicalAnd}, {@code any}, {@code all}, ...), selection,
 * {@code add}, {@code sub}, {@code mul}, {@code neg}, {@code abs}, {@code sign}, {@code maximum},
 * {@code minimum}, {@code clamp}, sums, products, maxima, minima, {@code argmax}, {@code argmin}
 * and running sums and products, and wrap on overflow as Java's {@code int} and {@code long} do
 * (int32 sums, products and running sums and products that do not fit are refused instead).
 * Functions of real numbers ({@code exp}, {@code sin}, {@code erf}, {@code div}, {@code var},
 * norms, ...) refuse them, naming the operation: cast first.
 */
public enum DType {
    /** IEEE 754 binary64, the default. */
    FLOAT64("float64"),
    /** IEEE 754 binary32. */
    FLOAT32("float32"),
    /** 32-bit two's-complement integers. */
    INT32("int32"),
    /** 64-bit two's-complement integers. */
    INT64("int64");

    private final String displayName;

    DType(String displayName) {
        this.displayName = displayName;
    }

    /** Whether this is a float dtype (float32 or float64), the only ones that differentiate. */
    public boolean isFloatingPoint() {
        return this == FLOAT64 || this == FLOAT32;
    }

    /** Whether this is an integer dtype (int32 or int64). */
    public boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** Rounds one value to this dtype's precision (float dtypes only). */
    double round(double value) {
        return this == FLOAT32 ? (float) value : value;
    }

    /** {@code float64}, {@code float32}, {@code int32} or {@code int64}, as NumPy names them. */
    @Override
    public String toString() {
        return displayName;
    }
}
