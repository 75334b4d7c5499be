package jgrad.core.kernels;

/**
 * The int32 and int64 kernels, for indices, labels and counts: negation, relu, the arithmetic
 * and comparisons of {@link BinaryOp#hasIntegerKernel()}, selection, sums and maxima. Arithmetic
 * wraps on overflow, as Java's and PyTorch's integer arithmetic do; an int32 sum is accumulated in
 * int64 and refused when it does not fit. These are not hot paths: each element goes through the
 * operation's scalar form.
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
