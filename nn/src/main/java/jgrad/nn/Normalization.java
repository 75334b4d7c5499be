package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import jgrad.core.Tensor;

/** Shared pieces of the normalisation layers: statistics over axes, per-channel broadcasting. */
final class Normalization {

    private Normalization() {}

    /**
     * {@code (x - mean) / sqrt(var + eps)} over {@code axes}, with the biased variance {@code
     * mean((x - mean)^2)} (two passes, so a constant input gives a variance of exactly 0).
     * Returns the normalised tensor, the mean and the biased variance (both with kept dims).
     */
    static Statistics normalize(Tensor x, int[] axes, double eps) {
        Tensor mean = x.mean(axes, true);
        Tensor centered = x.sub(mean);
        Tensor variance = centered.square().mean(axes, true);
        return new Statistics(centered.div(variance.add(eps).sqrt()), mean, variance);
    }

    /** The normalised input and the statistics used; mean and variance keep their dims. */
    record Statistics(Tensor normalized, Tensor mean, Tensor variance) {}

    /** Every axis of a rank-{@code rank} tensor but {@code kept}. */
    static int[] allAxesBut(int rank, int kept) {
        int[] axes = new int[rank - 1];
        for (int axis = 0, i = 0; axis < rank; axis++) {
            if (axis != kept) {
                axes[i++] = axis;
            }
        }
        return axes;
    }

    /** A per-channel vector {@code [C]} reshaped to {@code [1, C, 1, ...]} of rank {@code rank}. */
    static Tensor perChannel(Tensor vector, int rank) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        shape[1] = vector.shape().dim(0);
        return vector.reshape(shape);
    }

    static void checkEps(String layer, double eps) {
        checkArgument(eps > 0 && Double.isFinite(eps), "%s: eps must be positive and finite,"
                + " got %s", layer, eps);
    }
}
