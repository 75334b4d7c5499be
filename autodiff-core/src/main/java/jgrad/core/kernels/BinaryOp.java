package jgrad.core.kernels;

/**
 * The elementwise functions of two arguments that have a kernel. Each constant's {@link
 * #apply(double, double)} is the scalar reference the kernels are tested against; comparisons
 * give 1 or 0 (0 when either side is NaN).
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b} (IEEE 754). */
    DIV,
    /** {@code a^b} as {@link Math#pow}. */
    POW,
    /** {@code a < b ? 1 : 0}. */
    LESS,
    /** {@code a == b ? 1 : 0}. */
    EQUAL,
    /** The angle of the point {@code (b, a)}, {@link Math#atan2}{@code (a, b)}, in radians. */
    ATAN2,
    /** The larger, {@link Math#max}: NaN if either is NaN, {@code max(-0.0, 0.0) = 0.0}. */
    MAXIMUM,
    /** The smaller, {@link Math#min}: NaN if either is NaN, {@code min(-0.0, 0.0) = -0.0}. */
    MINIMUM;

    /** The scalar reference, in float64. */
    public double apply(double a, double b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case POW: return Math.pow(a, b);
            case LESS: return a < b ? 1.0 : 0.0;
            case EQUAL: return a == b ? 1.0 : 0.0;
            case ATAN2: return Math.atan2(a, b);
            case MAXIMUM: return Math.max(a, b);
            case MINIMUM: return Math.min(a, b);
            default: throw new AssertionError(this);
        }
    }

    /** Whether the integer kernels implement this operation (wrapping, as Java and PyTorch). */
    public boolean hasIntegerKernel() {
        return this != DIV && this != POW && this != ATAN2;
    }
}
