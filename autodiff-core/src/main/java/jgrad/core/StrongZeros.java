package jgrad.core;

/**
 * Strong zeros: the exact zeros a selection puts into a cotangent in the backward pass ({@link
 * Where}'s unselected branch, relu below 0, the non-maximal elements of a max, the elements a
 * slice or gather did not read) mean "this element took no part", so they contribute exactly 0
 * even against an infinite or NaN local derivative: {@code where(a <= 0, exp(a), 1 + a)} at {@code
 * a = 1000} has gradient 1, not {@code 0 * Inf = NaN} (PyTorch issue #68425, case C03).
 *
 * <p>Every other zero is an ordinary IEEE 754 zero: in {@code sqrt(x)^2} at {@code x = 0} the
 * cotangent reaching sqrt is {@code 2 sqrt(0) = 0} by arithmetic, and {@code 0 * Inf} is NaN, as
 * in PyTorch, rather than a silently wrong 0 (the function's one-sided slope there is 1).
 *
 * <p>The mark is per tensor: the backward pass marks the cotangents a selecting primitive returns
 * ({@link Primitive#selectsCotangents()}), and operations that keep a cotangent's zeros where they
 * are keep the mark: negation, casts, movement, sums, and products and quotients by finite values
 * (whose own zeros are then taken as strong too: an approximation that errs toward 0, the
 * selection's answer, only where a finite factor is exactly 0 at an element that meets an
 * infinite derivative later). {@link Cotangents#times} and {@link Cotangents#matmul} apply it.
 */
final class StrongZeros {

    private StrongZeros() {}

    /** Whether the result of {@code primitive} on {@code inputs} keeps strong zeros. */
    static boolean propagates(Primitive primitive, Tensor[] inputs) {
        boolean any = false;
        for (Tensor input : inputs) {
            any |= input.strongZeros();
        }
        if (!any) {
            return false;
        }
        if (primitive instanceof Neg || primitive instanceof Cast || primitive instanceof Reshape
                || primitive instanceof BroadcastTo || primitive instanceof Permute
                || primitive instanceof Slice || primitive instanceof Pad
                || primitive instanceof Flip || primitive instanceof ReduceSum
                || primitive instanceof Gather || primitive instanceof IndexSelect
                || primitive instanceof Unfold || primitive instanceof Fold) {
            return inputs[0].strongZeros();
        }
        if (primitive instanceof Add || primitive instanceof Concat) {
            for (Tensor input : inputs) {
                if (!input.strongZeros()) {
                    return false;
                }
            }
            return true;
        }
        if (primitive instanceof Mul) {
            return inputs[0].strongZeros() && Kernels.allFinite(inputs[1])
                    || inputs[1].strongZeros() && Kernels.allFinite(inputs[0]);
        }
        if (primitive instanceof Div) {
            return inputs[0].strongZeros() && Kernels.allFinite(inputs[1]);
        }
        if (primitive instanceof Where) {
            return inputs[1].strongZeros() && inputs[2].strongZeros();
        }
        if (primitive instanceof ScatterAdd || primitive instanceof IndexAdd) {
            return inputs[0].strongZeros() && inputs[2].strongZeros();
        }
        return false;
    }
}
