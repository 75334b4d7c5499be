package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import jgrad.core.ConvOptions;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A one-dimensional convolution layer (PyTorch's {@code nn.Conv1d}) over sequences, {@code y[n,
 * o] = bias[o] + Σ_c weight[o, c] ⋆ x[n, g·C/G + c]}, with stride, zero padding, dilation and
 * groups from {@link ConvOptions}.
 *
 * <p>Shapes: {@code x [batch, C, length]}, {@code weight [O, C/groups, k]}, {@code bias [O]} ->
 * {@code [batch, O, floor((length + 2p - d (k - 1) - 1) / s) + 1]}. Weight, bias and input share
 * a dtype. Parameter paths: {@code "weight"}, {@code "bias"}.
 *
 * <p>Composite: {@link Tensor#conv1d(Tensor, Tensor, ConvOptions)}, no vjp of its own.
 *
 * @param weight  the kernels, {@code [O, C/groups, k]}
 * @param bias    the bias, {@code [O]}
 * @param options stride, padding, dilation and groups
 */
public record Conv1d(Tensor weight, Tensor bias, ConvOptions options) implements Layer {

    /**
     * @throws IllegalArgumentException if the weight is not 3-D, the bias is not {@code [O]}, the
     *     groups do not divide {@code O}, or the dtypes differ
     */
    public Conv1d {
        checkNotNull(weight, "conv1d: weight is null");
        checkNotNull(bias, "conv1d: bias is null");
        checkNotNull(options, "conv1d: options is null");
        checkArgument(weight.rank() == 3, "conv1d: weight [out, in / groups, k] expected, got"
                + " shape %s", weight.shape());
        Convolutions.checkBias("conv1d", weight, bias, options);
    }

    /**
     * PyTorch's default {@code nn.Conv1d(in, out, kernelSize, ...)}: weight and bias from {@code
     * U(-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = in / groups · kernelSize}; float64.
     *
     * @throws IllegalArgumentException if a size is not positive or the groups divide neither
     *     channel count
     */
    public static Conv1d init(RandomGenerator rng, int inChannels, int outChannels,
            int kernelSize, ConvOptions options) {
        checkNotNull(rng, "conv1d: rng is null");
        checkNotNull(options, "conv1d: options is null");
        Convolutions.checkSizes("conv1d", inChannels, outChannels, options);
        checkArgument(kernelSize > 0, "conv1d: kernelSize must be positive, got %s", kernelSize);
        Tensor[] weightAndBias = FanInUniform.weightAndBias(Shape.of(outChannels,
                inChannels / options.groups(), kernelSize), rng);
        return new Conv1d(weightAndBias[0], weightAndBias[1], options);
    }

    /** Input channels {@code C}. */
    public int inChannels() {
        return weight.shape().dim(1) * options.groups();
    }

    /** Output channels {@code O}. */
    public int outChannels() {
        return weight.shape().dim(0);
    }

    /**
     * The convolution of {@code x}. Shapes: {@code [batch, C, length]} -> {@code [batch, O,
     * outLength]}.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code [batch, C, length]} or too
     *     short for the kernel, naming the shapes
     */
    @Override
    public Tensor apply(Tensor x) {
        checkNotNull(x, "conv1d: input is null");
        checkArgument(x.rank() == 3 && x.shape().dim(1) == inChannels(), "conv1d: x [batch, %s,"
                + " length] expected for weight %s, got shape %s", inChannels(), weight.shape(),
                x.shape());
        return x.conv1d(weight, bias, options);
    }

    /** {@code Params{weight=[O, C/groups, k], bias=[O]}}. */
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
    public Conv1d withParams(Params params) {
        ParamsChecks.checkMatches("conv1d", params(), params);
        return new Conv1d(params.get("weight"), params.get("bias"), options);
    }

    /** {@code Conv1d(2, 3, kernel_size=[3], stride=[2], padding=[1])}, as PyTorch. */
    @Override
    public String toString() {
        return "Conv1d(" + inChannels() + ", " + outChannels() + ", kernel_size=["
                + weight.shape().dim(2) + "]" + Convolutions.describe(options, 1) + ")";
    }
}
