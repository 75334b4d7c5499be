package jgrad.core.kernels;

import java.util.Arrays;

/**
 * How a binary kernel walks two row-major operands broadcast (NumPy rules) to an output shape,
 * without copying either: an odometer over {@code outer} dimensions, each operand advancing by its
 * own stride (0 along an axis it is broadcast on), around an innermost run of {@code inner}
 * elements where each operand is either contiguous (stride 1) or one repeated value (stride 0).
 *
 * <p>Size-1 output axes are dropped and neighbouring axes along which both operands are
 * contiguous are merged, so equal shapes are one run of the whole size, and a bias {@code [n]}
 * added to {@code [batch, n]} is {@code batch} runs of {@code n} with the bias restarting at 0.
 *
 * @param outer the dimensions of the outer loop, outermost first
 * @param aStrides operand a's stride along each outer dimension
 * @param bStrides operand b's stride along each outer dimension
 * @param inner the length of the innermost run
 * @param aInner operand a's stride in the run: 1, or 0 when broadcast
 * @param bInner operand b's stride in the run: 1, or 0 when broadcast
 */
public record BroadcastPlan(int[] outer, int[] aStrides, int[] bStrides, int inner, int aInner,
        int bInner) {

    /**
     * The plan for {@code a} and {@code b} (right-aligned, each dimension equal to the output's
     * or 1) broadcast to {@code out}. The caller has checked that they broadcast.
     */
    public static BroadcastPlan of(int[] a, int[] b, int[] out) {
        int rank = out.length;
        int[] as = strides(a, out);
        int[] bs = strides(b, out);
        int[] dims = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if (out[d] == 1) {
                continue;
            }
            if (n > 0 && sa[n - 1] == as[d] * out[d] && sb[n - 1] == bs[d] * out[d]) {
                dims[n - 1] *= out[d]; // contiguous for both: merge with the previous axis
                sa[n - 1] = as[d];
                sb[n - 1] = bs[d];
                continue;
            }
            dims[n] = out[d];
            sa[n] = as[d];
            sb[n] = bs[d];
            n++;
        }
        if (n == 0) {
            return new BroadcastPlan(new int[0], new int[0], new int[0], 1, 0, 0);
        }
        return new BroadcastPlan(Arrays.copyOf(dims, n - 1), Arrays.copyOf(sa, n - 1),
                Arrays.copyOf(sb, n - 1), dims[n - 1], sa[n - 1], sb[n - 1]);
    }

    /** The plan for two operands of {@code n} elements each and equal shapes: one run. */
    public static BroadcastPlan contiguous(int n) {
        return new BroadcastPlan(NONE, NONE, NONE, n, 1, 1);
    }

    /** The plan for an operand of {@code n} elements and a one-element second operand. */
    public static BroadcastPlan scalarB(int n) {
        return new BroadcastPlan(NONE, NONE, NONE, n, 1, 0);
    }

    private static final int[] NONE = new int[0];

    /** Row-major strides of {@code dims} aligned right under {@code out}, 0 where broadcast. */
    private static int[] strides(int[] dims, int[] out) {
        int offset = out.length - dims.length;
        int[] strides = new int[out.length];
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[d + offset] = dims[d] == 1 ? 0 : stride;
            stride *= dims[d];
        }
        return strides;
    }

    /** The number of runs: the product of the outer dimensions. */
    public int runs() {
        int runs = 1;
        for (int dim : outer) {
            runs *= dim;
        }
        return runs;
    }

    /**
     * Walks the runs: for each, calls {@code run} with the offsets of a, b and the output. The
     * output is contiguous, so its offset is the run number times {@link #inner}.
     */
    public void forEachRun(RunConsumer run) {
        int runs = runs();
        if (inner == 0 || runs == 0) {
            return;
        }
        int rank = outer.length;
        int[] index = new int[rank];
        int aOffset = 0;
        int bOffset = 0;
        for (int r = 0; r < runs; r++) {
            run.accept(aOffset, bOffset, r * inner);
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                aOffset += aStrides[d];
                bOffset += bStrides[d];
                if (index[d] < outer[d]) {
                    break;
                }
                aOffset -= aStrides[d] * index[d];
                bOffset -= bStrides[d] * index[d];
                index[d] = 0;
            }
        }
    }

    /** Receives one run's offsets. */
    @FunctionalInterface
    public interface RunConsumer {
        void accept(int aOffset, int bOffset, int outOffset);
    }
}
