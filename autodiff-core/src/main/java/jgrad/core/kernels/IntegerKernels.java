package jgrad.core.kernels;

/**
 * The int32 and int64 kernels, for indices, labels and counts: negation, relu, the arithmetic
 * and comparisons of {@link BinaryOp#hasIntegerKernel()} (maximum and minimum included),
 * selection, sums, products, maxima, minima and running sums and products. Arithmetic wraps on
 * overflow, as Java's and PyTorch's integer arithmetic do; int32 sums, products and running sums
 * and products are accumulated in int64 and refused when a result does not fit. These are not hot
 * paths: each element goes through the operation's scalar form.
 */
public final class IntegerKernels {

    private IntegerKernels() {}

    /** {@code out[i] = op(x[i])} for {@link UnaryOp#NEG} and {@link UnaryOp#RELU}. */
    public static void unary(UnaryOp op, int[] x, int[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = (int) apply(op, x[i]);
        }
    }

    /** {@code out[i] = op(x[i])} for {@link UnaryOp#NEG} and {@link UnaryOp#RELU}. */
    public static void unary(UnaryOp op, long[] x, long[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(op, x[i]);
        }
    }

    private static long apply(UnaryOp op, long x) {
        switch (op) {
            case NEG: return -x;
            case RELU: return Math.max(x, 0);
            default: throw new IllegalArgumentException(op + " has no integer kernel");
        }
    }

    /** {@code out = op(a, b)} broadcast as {@code plan} says. */
    public static void binary(BinaryOp op, int[] a, int[] b, int[] out, BroadcastPlan plan) {
        int n = plan.inner();
        int as = plan.aInner();
        int bs = plan.bInner();
        plan.forEachRun((ai, bi, oi) -> {
            for (int i = 0; i < n; i++) {
                out[oi + i] = (int) apply(op, a[ai + i * as], b[bi + i * bs]);
            }
        });
    }

    /** {@code out = op(a, b)} broadcast as {@code plan} says. */
    public static void binary(BinaryOp op, long[] a, long[] b, long[] out, BroadcastPlan plan) {
        int n = plan.inner();
        int as = plan.aInner();
        int bs = plan.bInner();
        plan.forEachRun((ai, bi, oi) -> {
            for (int i = 0; i < n; i++) {
                out[oi + i] = apply(op, a[ai + i * as], b[bi + i * bs]);
            }
        });
    }

    private static long apply(BinaryOp op, long a, long b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case LESS: return a < b ? 1 : 0;
            case EQUAL: return a == b ? 1 : 0;
            case MAXIMUM: return Math.max(a, b);
            case MINIMUM: return Math.min(a, b);
            default: throw new IllegalArgumentException(op + " has no integer kernel");
        }
    }

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}, equal lengths. */
    public static void where(int[] mask, int[] a, int[] b, int[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[i] != 0 ? a[i] : b[i];
        }
    }

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}, equal lengths. */
    public static void where(long[] mask, long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[i] != 0 ? a[i] : b[i];
        }
    }

    /**
     * Sums {@code [outer, reduced, inner]} over the middle axis, in int64.
     *
     * @throws ArithmeticException if a sum does not fit in int32
     */
    public static int[] sum(int[] x, ReducePlan plan) {
        long[] wide = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        long[] sums = sum(wide, plan);
        int[] out = new int[sums.length];
        for (int i = 0; i < sums.length; i++) {
            if (sums[i] != (int) sums[i]) {
                throw new ArithmeticException("sum: " + sums[i] + " does not fit in int32;"
                        + " cast to int64 first");
            }
            out[i] = (int) sums[i];
        }
        return out;
    }

    /** Sums {@code [outer, reduced, inner]} over the middle axis (wrapping on overflow). */
    public static long[] sum(long[] x, ReducePlan plan) {
        long[] out = new long[plan.outputSize()];
        for (int o = 0; o < plan.outer(); o++) {
            for (int k = 0; k < plan.reduced(); k++) {
                int source = (o * plan.reduced() + k) * plan.inner();
                int target = o * plan.inner();
                for (int i = 0; i < plan.inner(); i++) {
                    out[target + i] += x[source + i];
                }
            }
        }
        return out;
    }

    /** The minimum of {@code [outer, reduced, inner]} over the middle axis (not empty). */
    public static int[] min(int[] x, ReducePlan plan) {
        int[] out = new int[plan.outputSize()];
        for (int o = 0; o < plan.outer(); o++) {
            int target = o * plan.inner();
            System.arraycopy(x, o * plan.reduced() * plan.inner(), out, target, plan.inner());
            for (int k = 1; k < plan.reduced(); k++) {
                int source = (o * plan.reduced() + k) * plan.inner();
                for (int i = 0; i < plan.inner(); i++) {
                    out[target + i] = Math.min(out[target + i], x[source + i]);
                }
            }
        }
        return out;
    }

    /** The minimum of {@code [outer, reduced, inner]} over the middle axis (not empty). */
    public static long[] min(long[] x, ReducePlan plan) {
        long[] out = new long[plan.outputSize()];
        for (int o = 0; o < plan.outer(); o++) {
            int target = o * plan.inner();
            System.arraycopy(x, o * plan.reduced() * plan.inner(), out, target, plan.inner());
            for (int k = 1; k < plan.reduced(); k++) {
                int source = (o * plan.reduced() + k) * plan.inner();
                for (int i = 0; i < plan.inner(); i++) {
                    out[target + i] = Math.min(out[target + i], x[source + i]);
                }
            }
        }
        return out;
    }

    /**
     * The product of {@code [outer, reduced, inner]} over the middle axis (1 for none), in int64.
     *
     * @throws ArithmeticException if a product does not fit in int32
     */
    public static int[] prod(int[] x, ReducePlan plan) {
        int[] out = new int[plan.outputSize()];
        for (int o = 0; o < plan.outer(); o++) {
            for (int i = 0; i < plan.inner(); i++) {
                Int32Product product = new Int32Product("prod");
                for (int k = 0; k < plan.reduced(); k++) {
                    product.times(x[(o * plan.reduced() + k) * plan.inner() + i]);
                }
                out[o * plan.inner() + i] = product.value();
            }
        }
        return out;
    }

    /** The product of {@code [outer, reduced, inner]} over the middle axis (1 for none); wraps. */
    public static long[] prod(long[] x, ReducePlan plan) {
        long[] out = new long[plan.outputSize()];
        java.util.Arrays.fill(out, 1L);
        for (int o = 0; o < plan.outer(); o++) {
            int target = o * plan.inner();
            for (int k = 0; k < plan.reduced(); k++) {
                int source = (o * plan.reduced() + k) * plan.inner();
                for (int i = 0; i < plan.inner(); i++) {
                    out[target + i] *= x[source + i];
                }
            }
        }
        return out;
    }

    /**
     * The running sums ({@code product} false) or products along the middle axis of {@code
     * [outer, n, inner]}, from the end when {@code reverse}, in int64.
     *
     * @throws ArithmeticException if a result does not fit in int32
     */
    public static int[] scan(int[] x, ReducePlan plan, boolean reverse, boolean product) {
        int n = plan.reduced();
        int inner = plan.inner();
        int[] out = new int[x.length];
        for (int o = 0; o < plan.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                String op = product ? "cumprod" : "cumsum";
                Int32Product running = new Int32Product(op);
                long sum = 0;
                for (int step = 0; step < n; step++) {
                    int index = (o * n + (reverse ? n - 1 - step : step)) * inner + i;
                    if (product) {
                        running.times(x[index]);
                        out[index] = running.value();
                    } else {
                        sum += x[index];
                        out[index] = Int32Product.narrow(sum, op);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The running sums ({@code product} false) or products along the middle axis of {@code
     * [outer, n, inner]}, from the end when {@code reverse}, wrapping on overflow.
     */
    public static long[] scan(long[] x, ReducePlan plan, boolean reverse, boolean product) {
        int n = plan.reduced();
        int inner = plan.inner();
        long[] out = new long[x.length];
        for (int o = 0; o < plan.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                long acc = product ? 1 : 0;
                for (int step = 0; step < n; step++) {
                    int index = (o * n + (reverse ? n - 1 - step : step)) * inner + i;
                    acc = product ? acc * x[index] : acc + x[index];
                    out[index] = acc;
                }
            }
        }
        return out;
    }

    /**
     * A running int64 product of int32 values that remembers an int64 overflow (a later zero
     * still makes it exactly 0) and refuses, naming {@code op}, a value outside int32.
     */
    private static final class Int32Product {
        private final String op;
        private long value = 1;
        private boolean overflowed;

        Int32Product(String op) {
            this.op = op;
        }

        void times(int factor) {
            if (factor == 0) {
                value = 0;
                overflowed = false;
            } else if (!overflowed) {
                long high = Math.multiplyHigh(value, factor);
                long low = value * factor;
                overflowed = high != (low >> 63);
                value = low;
            }
        }

        int value() {
            if (overflowed) {
                throw new ArithmeticException(op + ": a product exceeds int64, so it does not fit"
                        + " in int32; cast to float64 first");
            }
            return narrow(value, op);
        }

        static int narrow(long value, String op) {
            if (value != (int) value) {
                throw new ArithmeticException(op + ": " + value + " does not fit in int32;"
                        + " cast to int64 first");
            }
            return (int) value;
        }
    }

    /** The maximum of {@code [outer, reduced, inner]} over the middle axis (not empty). */
    public static int[] max(int[] x, ReducePlan plan) {
        int[] out = new int[plan.outputSize()];
        for (int o = 0; o < plan.outer(); o++) {
            int target = o * plan.inner();
            System.arraycopy(x, o * plan.reduced() * plan.inner(), out, target, plan.inner());
            for (int k = 1; k < plan.reduced(); k++) {
                int source = (o * plan.reduced() + k) * plan.inner();
                for (int i = 0; i < plan.inner(); i++) {
                    out[target + i] = Math.max(out[target + i], x[source + i]);
                }
            }
        }
        return out;
    }

    /** The maximum of {@code [outer, reduced, inner]} over the middle axis (not empty). */
    public static long[] max(long[] x, ReducePlan plan) {
        long[] out = new long[plan.outputSize()];
        for (int o = 0; o < plan.outer(); o++) {
            int target = o * plan.inner();
            System.arraycopy(x, o * plan.reduced() * plan.inner(), out, target, plan.inner());
            for (int k = 1; k < plan.reduced(); k++) {
                int source = (o * plan.reduced() + k) * plan.inner();
                for (int i = 0; i < plan.inner(); i++) {
                    out[target + i] = Math.max(out[target + i], x[source + i]);
                }
            }
        }
        return out;
    }
}
