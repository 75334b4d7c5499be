package jgrad.core.kernels;

/**
 * The elementwise functions of one argument that have a kernel. Each constant's {@link
 * #apply(double)} is the scalar reference the kernels are tested against.
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG,
    /** {@code 1 / x}. */
    RECIP,
    /** {@code e^x}. */
    EXP,
    /** {@code ln x}. */
    LOG,
    /** {@code ln(1 + x)}, accurate for small {@code |x|}. */
    LOG1P,
    /** {@code sqrt(x)}. */
    SQRT,
    /** {@code tanh(x)}. */
    TANH,
    /** {@code 1 / (1 + e^-x)}, evaluated as {@code e^x / (1 + e^x)} for negative x. */
    SIGMOID,
    /** {@code x < 0 ? 0 : x}: NaN stays NaN. */
    RELU,
    /** {@code sin x} (radians), {@link Math#sin}. */
    SIN,
    /** {@code cos x} (radians), {@link Math#cos}. */
    COS,
    /** {@code e^x - 1}, accurate for small {@code |x|} ({@link Math#expm1}). */
    EXPM1,
    /** The error function, {@link ErrorFunction#erf}. */
    ERF,
    /** The complementary error function {@code 1 - erf(x)}, {@link ErrorFunction#erfc}. */
    ERFC,
    /** {@code asin x} in radians, {@link Math#asin}. */
    ASIN,
    /** {@code acos x} in radians, {@link Math#acos}. */
    ACOS,
    /** {@code sinh x}, {@link Math#sinh}. */
    SINH,
    /** {@code cosh x}, {@link Math#cosh}. */
    COSH;

    /** The scalar reference, in float64. */
    public double apply(double x) {
        switch (this) {
            case NEG: return -x;
            case RECIP: return 1.0 / x;
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case LOG1P: return Math.log1p(x);
            case SQRT: return Math.sqrt(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return sigmoid(x);
            case RELU: return x < 0 ? 0.0 : x;
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case EXPM1: return Math.expm1(x);
            case ERF: return ErrorFunction.erf(x);
            case ERFC: return ErrorFunction.erfc(x);
            case ASIN: return Math.asin(x);
            case ACOS: return Math.acos(x);
            case SINH: return Math.sinh(x);
            case COSH: return Math.cosh(x);
            default: throw new AssertionError(this);
        }
    }

    /** The logistic sigmoid without overflow: {@code e^x} is only taken of {@code x <= 0}. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
