package jgrad.core;

/**
 * The element type of a tensor. Binary operations require equal dtypes: jgrad never promotes
 * silently, {@link Tensor#cast(DType)} converts explicitly.
 *
 * <p>Values are held in float64 storage; a {@link #FLOAT32} tensor holds only values that are
 * exactly representable in IEEE 754 binary32, because every result is rounded to float after each
 * operation (so results equal those of a float32 kernel that computes each element in double and
 * rounds once). Dedicated float32 storage and kernels are a later speed optimisation that will not
 * change this API.
 */
public enum DType {
    /** IEEE 754 binary64, the default. */
    FLOAT64("float64"),
    /** IEEE 754 binary32. */
    FLOAT32("float32");

    private final String displayName;

    DType(String displayName) {
        this.displayName = displayName;
    }

    /** Rounds {@code values} in place to this dtype's precision. */
    void round(double[] values) {
        if (this == FLOAT32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) values[i];
            }
        }
    }

    /** Rounds one value to this dtype's precision. */
    double round(double value) {
        return this == FLOAT32 ? (float) value : value;
    }

    /** {@code float64} or {@code float32}, as NumPy names them. */
    @Override
    public String toString() {
        return displayName;
    }
}
