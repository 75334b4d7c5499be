package jgrad.nn.losses;

import jgrad.core.Tensor;

/**
 * How a loss combines its per-sample (or per-element) terms, as PyTorch's {@code reduction}
 * argument.
 */
public enum Reduction {

    /**
     * The mean of the terms, shape {@code []}. Over no terms (an empty batch) it is NaN, as in
     * NumPy and PyTorch (0/0).
     */
    MEAN,

    /** The sum of the terms, shape {@code []}. Over no terms it is 0. */
    SUM,

    /** No reduction: the terms themselves, one per sample (or element). */
    NONE;

    /** Applies this reduction to {@code terms}. Composite: {@code mean()} or {@code sum()}. */
    public Tensor reduce(Tensor terms) {
        switch (this) {
            case MEAN:
                return terms.mean();
            case SUM:
                return terms.sum();
            default:
                return terms;
        }
    }
}
