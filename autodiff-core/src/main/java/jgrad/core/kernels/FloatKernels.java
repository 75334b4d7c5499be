package jgrad.core.kernels;

/**
 * The float32 kernels: elementwise functions, broadcast binary operations, selection and
 * reductions over {@code float[]}. Each operation is chosen by a {@code switch} outside its loop;
 * the loops are plain counted loops over contiguous runs, which C2 vectorises where the hardware
 * has an instruction for the operation ({@code + - * /}, comparisons). Arithmetic is done in
 * float, which IEEE 754 rounds exactly as computing in double and rounding once would; the other
 * functions are computed in double and rounded once.
 */
public final class FloatKernels {

    private FloatKernels() {}

    /** {@code out[i] = op(x[i])}. */
    public static void unary(UnaryOp op, float[] x, float[] out) {
        int n = x.length;
        switch (op) {
            case NEG:
                for (int i = 0; i < n; i++) {
                    out[i] = -x[i];
                }
                break;
            case RECIP:
                for (int i = 0; i < n; i++) {
                    out[i] = 1f / x[i];
                }
                break;
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.exp(x[i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.log(x[i]);
                }
                break;
            case LOG1P:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.log1p(x[i]);
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.sqrt(x[i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.tanh(x[i]);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) UnaryOp.sigmoid(x[i]);
                }
                break;
            case RELU:
                // v < 0 ? 0 : v without a branch (relu's signs are random, so a branch
                // mispredicts half the time): clear the bits of negative non-zero numbers
                // (infinity included), keeping -0 and NaN as they are.
                for (int i = 0; i < n; i++) {
                    int b = Float.floatToRawIntBits(x[i]);
                    int m = b & 0x7fffffff;
                    int kill = (b >> 31) & ((m - 0x7f800001) >> 31) & ~((m - 1) >> 31);
                    out[i] = Float.intBitsToFloat(b & ~kill);
                }
                break;
            case SIN:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.sin(x[i]);
                }
                break;
            case COS:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.cos(x[i]);
                }
                break;
            case EXPM1:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.expm1(x[i]);
                }
                break;
            case ERF:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ErrorFunction.erf(x[i]);
                }
                break;
            case ERFC:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ErrorFunction.erfc(x[i]);
                }
                break;
            case ASIN:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.asin(x[i]);
                }
                break;
            case ACOS:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.acos(x[i]);
                }
                break;
            case SINH:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.sinh(x[i]);
                }
                break;
            case COSH:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.cosh(x[i]);
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = (float) op.apply(x[i]);
                }
        }
    }

    /** {@code out = op(a, b)} with {@code a} and {@code b} broadcast as {@code plan} says. */
    public static void binary(BinaryOp op, float[] a, float[] b, float[] out,
            BroadcastPlan plan) {
        int n = plan.inner();
        if (plan.aInner() == 1 && plan.bInner() == 1) {
            plan.forEachRun((ai, bi, oi) -> runs(op, a, ai, b, bi, out, oi, n));
        } else if (plan.aInner() == 1) {
            plan.forEachRun((ai, bi, oi) -> runWithB(op, a, ai, b[bi], out, oi, n));
        } else if (plan.bInner() == 1) {
            plan.forEachRun((ai, bi, oi) -> runWithA(op, a[ai], b, bi, out, oi, n));
        } else {
            plan.forEachRun((ai, bi, oi) -> java.util.Arrays.fill(
                    out, oi, oi + n, (float) op.apply(a[ai], b[bi])));
        }
    }

    /** Both operands contiguous over the run. */
    private static void runs(BinaryOp op, float[] a, int ai, float[] b, int bi, float[] out,
            int oi, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] + b[bi + i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] - b[bi + i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] * b[bi + i];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] / b[bi + i];
                }
                break;
            case LESS:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] < b[bi + i] ? 1f : 0f;
                }
                break;
            case EQUAL:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] == b[bi + i] ? 1f : 0f;
                }
                break;
            case MAXIMUM:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = Math.max(a[ai + i], b[bi + i]);
                }
                break;
            case MINIMUM:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = Math.min(a[ai + i], b[bi + i]);
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = (float) op.apply(a[ai + i], b[bi + i]);
                }
        }
    }

    /** {@code a} contiguous, {@code b} one value for the whole run. */
    private static void runWithB(BinaryOp op, float[] a, int ai, float b, float[] out, int oi,
            int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] + b;
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] - b;
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] * b;
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] / b;
                }
                break;
            case LESS:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] < b ? 1f : 0f;
                }
                break;
            case EQUAL:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a[ai + i] == b ? 1f : 0f;
                }
                break;
            case MAXIMUM:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = Math.max(a[ai + i], b);
                }
                break;
            case MINIMUM:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = Math.min(a[ai + i], b);
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = (float) op.apply(a[ai + i], b);
                }
        }
    }

    /** {@code a} one value for the whole run, {@code b} contiguous. */
    private static void runWithA(BinaryOp op, float a, float[] b, int bi, float[] out, int oi,
            int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a + b[bi + i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a - b[bi + i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a * b[bi + i];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a / b[bi + i];
                }
                break;
            case LESS:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a < b[bi + i] ? 1f : 0f;
                }
                break;
            case EQUAL:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = a == b[bi + i] ? 1f : 0f;
                }
                break;
            case MAXIMUM:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = Math.max(a, b[bi + i]);
                }
                break;
            case MINIMUM:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = Math.min(a, b[bi + i]);
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[oi + i] = (float) op.apply(a, b[bi + i]);
                }
        }
    }

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}, equal lengths. */
    public static void where(float[] mask, float[] a, float[] b, float[] out) {
        // Without a branch (masks such as relu's are random): sel is all ones where the mask's
        // magnitude bits are non-zero (NaN included), and picks a's bits there, b's elsewhere.
        for (int i = 0; i < out.length; i++) {
            int m = Float.floatToRawIntBits(mask[i]) & 0x7fffffff;
            int sel = (m | -m) >> 31;
            out[i] = Float.intBitsToFloat((Float.floatToRawIntBits(a[i]) & sel)
                    | (Float.floatToRawIntBits(b[i]) & ~sel));
        }
    }

    /**
     * Sums {@code [outer, reduced, inner]} over the middle axis into {@code [outer, inner]},
     * accumulating in float64 and rounding each sum once.
     */
    public static float[] sum(float[] x, ReducePlan plan) {
        int outer = plan.outer();
        int reduced = plan.reduced();
        int inner = plan.inner();
        float[] out = new float[plan.outputSize()];
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                double acc = 0;
                int base = o * reduced;
                for (int k = 0; k < reduced; k++) {
                    acc += x[base + k];
                }
                out[o] = (float) acc;
            }
            return out;
        }
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int k = 0; k < reduced; k++) {
                int source = (o * reduced + k) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[source + i];
                }
            }
            int target = o * inner;
            for (int i = 0; i < inner; i++) {
                out[target + i] = (float) acc[i];
            }
        }
        return out;
    }

    /**
     * The maximum of {@code [outer, reduced, inner]} over the middle axis; NaN wins, as in NumPy.
     * The reduced axis must not be empty.
     */
    public static float[] max(float[] x, ReducePlan plan) {
        int outer = plan.outer();
        int reduced = plan.reduced();
        int inner = plan.inner();
        float[] out = new float[plan.outputSize()];
        for (int o = 0; o < outer; o++) {
            int target = o * inner;
            System.arraycopy(x, o * reduced * inner, out, target, inner);
            for (int k = 1; k < reduced; k++) {
                int source = (o * reduced + k) * inner;
                for (int i = 0; i < inner; i++) {
                    float v = x[source + i];
                    if (v > out[target + i] || v != v) {
                        out[target + i] = v;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The minimum of {@code [outer, reduced, inner]} over the middle axis; NaN wins, as in NumPy.
     * The reduced axis must not be empty.
     */
    public static float[] min(float[] x, ReducePlan plan) {
        int outer = plan.outer();
        int reduced = plan.reduced();
        int inner = plan.inner();
        float[] out = new float[plan.outputSize()];
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                int base = o * reduced;
                float acc = x[base];
                for (int k = 1; k < reduced; k++) {
                    float v = x[base + k];
                    if (v < acc || v != v) {
                        acc = v;
                    }
                }
                out[o] = acc;
            }
            return out;
        }
        for (int o = 0; o < outer; o++) {
            int target = o * inner;
            System.arraycopy(x, o * reduced * inner, out, target, inner);
            for (int k = 1; k < reduced; k++) {
                int source = (o * reduced + k) * inner;
                for (int i = 0; i < inner; i++) {
                    float v = x[source + i];
                    if (v < out[target + i] || v != v) {
                        out[target + i] = v;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The product of {@code [outer, reduced, inner]} over the middle axis, accumulated in float64
     * and rounded once; the product of no elements is 1.
     */
    public static float[] prod(float[] x, ReducePlan plan) {
        int outer = plan.outer();
        int reduced = plan.reduced();
        int inner = plan.inner();
        float[] out = new float[plan.outputSize()];
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                double product = 1.0;
                int base = o * reduced;
                for (int k = 0; k < reduced; k++) {
                    product *= x[base + k];
                }
                out[o] = (float) product;
            }
            return out;
        }
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 1.0);
            for (int k = 0; k < reduced; k++) {
                int source = (o * reduced + k) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] *= x[source + i];
                }
            }
            int target = o * inner;
            for (int i = 0; i < inner; i++) {
                out[target + i] = (float) acc[i];
            }
        }
        return out;
    }

    /**
     * The running sums of {@code [outer, n, inner]} along the middle axis ({@code plan.reduced()}
     * is {@code n}), as {@link DoubleKernels#cumsum}; accumulated in float64, each output rounded
     * once.
     */
    public static float[] cumsum(float[] x, ReducePlan plan, boolean reverse) {
        return scan(x, plan, reverse, false);
    }

    /** The running products, as {@link #cumsum} with {@code *} for {@code +}. */
    public static float[] cumprod(float[] x, ReducePlan plan, boolean reverse) {
        return scan(x, plan, reverse, true);
    }

    private static float[] scan(float[] x, ReducePlan plan, boolean reverse, boolean product) {
        int outer = plan.outer();
        int n = plan.reduced();
        int inner = plan.inner();
        float[] out = new float[x.length];
        if (inner == 1 && n > 0) {
            for (int o = 0; o < outer; o++) {
                int first = o * n + (reverse ? n - 1 : 0);
                int direction = reverse ? -1 : 1;
                double running = x[first];
                out[first] = x[first];
                for (int step = 1, i = first + direction; step < n; step++, i += direction) {
                    running = product ? running * x[i] : running + x[i];
                    out[i] = (float) running;
                }
            }
            return out;
        }
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            for (int step = 0; step < n; step++) {
                int row = (o * n + (reverse ? n - 1 - step : step)) * inner;
                if (step == 0) {
                    for (int i = 0; i < inner; i++) {
                        acc[i] = x[row + i];
                    }
                    System.arraycopy(x, row, out, row, inner);
                } else if (product) {
                    for (int i = 0; i < inner; i++) {
                        acc[i] *= x[row + i];
                        out[row + i] = (float) acc[i];
                    }
                } else {
                    for (int i = 0; i < inner; i++) {
                        acc[i] += x[row + i];
                        out[row + i] = (float) acc[i];
                    }
                }
            }
        }
        return out;
    }

    /** Whether some element is exactly zero. */
    public static boolean containsZero(float[] x) {
        for (float v : x) {
            if (v == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether every element is finite. */
    public static boolean allFinite(float[] x) {
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Log-softmax of {@code [outer, n, inner]} along the middle axis, {@code y = (x - m) -
     * log(sum(exp(x - m)))} with {@code m} the maximum (0 where it is infinite, so that infinite
     * inputs give the same results as the composite definition), computed in float64 per lane.
     * NaN propagates through the maximum.
     */
    public static float[] logSoftmax(float[] x, ReducePlan plan) {
        int outer = plan.outer();
        int n = plan.reduced();
        int inner = plan.inner();
        float[] out = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    double v = x[base + k * inner];
                    if (v > max || v != v) {
                        max = v;
                    }
                }
                double shift = Double.isInfinite(max) ? 0 : max;
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp(x[base + k * inner] - shift);
                }
                double log = Math.log(sum);
                for (int k = 0; k < n; k++) {
                    out[base + k * inner] = (float) ((x[base + k * inner] - shift) - log);
                }
            }
        }
        return out;
    }
}
