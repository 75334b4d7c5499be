package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Group normalisation (Wu &amp; He, "Group Normalization", ECCV 2018; PyTorch's {@code
 * nn.GroupNorm}): the channels of each sample are split into {@code numGroups} groups of
 * consecutive channels, each group is normalised over its channels and spatial positions with its
 * mean and biased variance, then every channel is scaled and shifted: {@code y = (x - mean_g) /
 * sqrt(var_g + eps) · weight_c + bias_c}. One group is layer normalisation over {@code [C, *]};
 * {@code C} groups is instance normalisation. The same in training and evaluation; no state.
 *
 * <p>Shapes: {@code x [batch, C, *]} (any number of spatial axes, including none); {@code weight},
 * {@code bias} {@code [C]}; output same as {@code x}. {@code C} must be a multiple of {@code
 * numGroups}. Float64 or float32.
 *
 * <p>Composite: a reshape to {@code [batch, numGroups, -1]}, the normalisation over the last
 * axis, a reshape back and the per-channel affine; no vjp of its own.
 *
 * @param numGroups the number of groups, dividing {@code C}
 * @param weight    the per-channel scale, {@code [C]} (initially 1)
 * @param bias      the per-channel shift, {@code [C]} (initially 0)
 * @param eps       added to the variance, positive (default 1e-5)
 */
public record GroupNorm(int numGroups, Tensor weight, Tensor bias, double eps) implements Layer {

    /**
     * @throws IllegalArgumentException if weight and bias are not {@code [C]} of one dtype, {@code
     *     numGroups} does not divide {@code C}, or eps is not positive
     */
    public GroupNorm {
        checkNotNull(weight, "groupNorm: weight is null");
        checkNotNull(bias, "groupNorm: bias is null");
        checkArgument(weight.rank() == 1 && bias.shape().equals(weight.shape())
                        && bias.dtype() == weight.dtype(),
                "groupNorm: weight and bias [C] of one dtype expected, got %s %s and %s %s",
                weight.shape(), weight.dtype(), bias.shape(), bias.dtype());
        checkArgument(numGroups > 0 && weight.shape().dim(0) % numGroups == 0,
                "groupNorm: numGroups %s must be positive and divide the %s channels", numGroups,
                weight.shape().dim(0));
        Normalization.checkEps("groupNorm", eps);
    }

    /**
     * PyTorch's initial layer: weight 1, bias 0, eps 1e-5; float64.
     *
     * @throws IllegalArgumentException if {@code numGroups} does not divide {@code channels}
     */
    public static GroupNorm init(int numGroups, int channels) {
        checkArgument(channels > 0, "groupNorm: channels must be positive, got %s", channels);
        return new GroupNorm(numGroups, Tensor.ones(channels), Tensor.zeros(channels), 1e-5);
    }

    /** The number of channels, {@code C}. */
    public int channels() {
        return weight.shape().dim(0);
    }

    /**
     * Normalised per sample and group, scaled and shifted per channel.
     *
     * @throws IllegalArgumentException if the input is not {@code [batch, C, *]}, naming its shape
     */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "groupNorm: input is null");
        checkArgument(input.rank() >= 2 && input.shape().dim(1) == channels(),
                "groupNorm: x [batch, %s, *] expected, got shape %s", channels(), input.shape());
        int batch = input.shape().dim(0);
        Tensor grouped = input.reshape(batch, numGroups, input.size() / (batch * numGroups));
        Tensor normalized = Normalization.normalize(grouped, new int[] {2}, eps).normalized()
                .reshape(input.shape());
        int rank = input.rank();
        return normalized.mul(Normalization.perChannel(weight, rank))
                .add(Normalization.perChannel(bias, rank));
    }

    /** {@code Params{weight=[C], bias=[C]}}. */
    @Override
    public Params params() {
        return Params.of("weight", weight, "bias", bias);
    }

    /**
     * This layer with the {@code weight} and {@code bias} of {@code params}.
     *
     * @throws IllegalArgumentException if paths or shapes differ from {@link #params()}
     */
    @Override
    public GroupNorm withParams(Params params) {
        ParamsChecks.checkMatches("groupNorm", params(), params);
        return new GroupNorm(numGroups, params.get("weight"), params.get("bias"), eps);
    }

    /** {@code GroupNorm(2, 6, eps=1.0E-5)}, as PyTorch prints it. */
    @Override
    public String toString() {
        return "GroupNorm(" + numGroups + ", " + channels() + ", eps=" + eps + ")";
    }
}
