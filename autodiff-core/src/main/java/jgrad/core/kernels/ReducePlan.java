package jgrad.core.kernels;

/**
 * A reduction over one contiguous block of axes, seen as {@code [outer, reduced, inner]}: output
 * {@code [o, i]} combines input {@code [o, k, i]} over {@code k}. Reductions over axes that are
 * not one block run as several such steps, the last block first.
 *
 * @param outer the product of the dimensions before the block
 * @param reduced the product of the block's dimensions
 * @param inner the product of the dimensions after the block
 */
public record ReducePlan(int outer, int reduced, int inner) {

    /**
     * The steps that reduce {@code dims} over {@code axes} (sorted, distinct), in the order they
     * run; each step's shape is the previous step's output, with the block removed.
     */
    public static ReducePlan[] steps(int[] dims, int[] axes) {
        int blocks = 0;
        for (int i = 0; i < axes.length; i++) {
            if (i == 0 || axes[i] != axes[i - 1] + 1) {
                blocks++;
            }
        }
        ReducePlan[] steps = new ReducePlan[blocks];
        int end = axes.length;
        int step = 0;
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && axes[start - 1] == axes[start] - 1) {
                start--;
            }
            int first = axes[start];
            int last = axes[end - 1];
            steps[step++] = new ReducePlan(product(dims, 0, first),
                    product(dims, first, last + 1), product(dims, last + 1, dims.length));
            // The axes of earlier blocks come before this one, so their positions are unchanged;
            // only the dimensions after the block were already accounted for in `inner`.
            int[] reducedDims = new int[dims.length - (last + 1 - first)];
            System.arraycopy(dims, 0, reducedDims, 0, first);
            System.arraycopy(dims, last + 1, reducedDims, first, dims.length - last - 1);
            dims = reducedDims;
            end = start;
        }
        return steps;
    }

    private static int product(int[] dims, int from, int to) {
        int product = 1;
        for (int d = from; d < to; d++) {
            product *= dims[d];
        }
        return product;
    }

    /** The number of output elements, {@code outer * inner}. */
    public int outputSize() {
        return outer * inner;
    }
}
