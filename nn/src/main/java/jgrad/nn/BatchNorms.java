package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * The computation shared by {@link BatchNorm1d} and {@link BatchNorm2d}: channels on axis 1,
 * statistics over every other axis.
 */
final class BatchNorms {

    static final String WEIGHT = "weight";
    static final String BIAS = "bias";
    static final String RUNNING_MEAN = "running_mean";
    static final String RUNNING_VAR = "running_var";

    private BatchNorms() {}

    static void checkComponents(String layer, Tensor weight, Tensor bias, Tensor runningMean,
            Tensor runningVar, double eps, double momentum) {
        checkNotNull(weight, "%s: weight is null", layer);
        checkNotNull(bias, "%s: bias is null", layer);
        checkNotNull(runningMean, "%s: runningMean is null", layer);
        checkNotNull(runningVar, "%s: runningVar is null", layer);
        checkArgument(weight.rank() == 1, "%s: weight [channels] expected, got shape %s", layer,
                weight.shape());
        for (Tensor other : new Tensor[] {bias, runningMean, runningVar}) {
            checkArgument(other.shape().equals(weight.shape()) && other.dtype() == weight.dtype(),
                    "%s: bias, runningMean and runningVar must have the weight's shape %s and"
                            + " dtype %s, got %s %s", layer, weight.shape(), weight.dtype(),
                    other.shape(), other.dtype());
        }
        Normalization.checkEps(layer, eps);
        checkArgument(momentum >= 0 && momentum <= 1, "%s: momentum must lie in [0, 1], got %s",
                layer, momentum);
    }

    /** Evaluation: {@code (x - runningMean) / sqrt(runningVar + eps) · weight + bias}. */
    static Tensor evaluate(Tensor x, Tensor weight, Tensor bias, Tensor runningMean,
            Tensor runningVar, double eps) {
        int rank = x.rank();
        Tensor normalized = x.sub(Normalization.perChannel(runningMean, rank))
                .div(Normalization.perChannel(runningVar, rank).add(eps).sqrt());
        return affine(normalized, weight, bias);
    }

    /**
     * Training: normalise with the batch's mean and biased variance; the new running
     * statistics are {@code (1 - momentum) · running + momentum · batch}, with the unbiased
     * variance {@code biased · n / (n - 1)}.
     */
    static Forward train(String layer, Tensor x, Tensor weight, Tensor bias, Tensor runningMean,
            Tensor runningVar, double eps, double momentum) {
        int channels = weight.shape().dim(0);
        long count = x.size() / channels;
        checkArgument(count > 1, "%s: expected more than 1 value per channel when training, got"
                + " input shape %s (the unbiased variance of one value is undefined)", layer,
                x.shape());
        Normalization.Statistics batch = Normalization.normalize(x,
                Normalization.allAxesBut(x.rank(), 1), eps);
        Tensor mean = batch.mean().stopGradient().reshape(channels);
        Tensor unbiased = batch.variance().stopGradient().reshape(channels)
                .mul(count / (count - 1.0));
        Tensor newMean = runningMean.mul(1 - momentum).add(mean.mul(momentum));
        Tensor newVar = runningVar.mul(1 - momentum).add(unbiased.mul(momentum));
        return new Forward(affine(batch.normalized(), weight, bias),
                Params.of(RUNNING_MEAN, newMean, RUNNING_VAR, newVar));
    }

    private static Tensor affine(Tensor normalized, Tensor weight, Tensor bias) {
        int rank = normalized.rank();
        return normalized.mul(Normalization.perChannel(weight, rank))
                .add(Normalization.perChannel(bias, rank));
    }
}
