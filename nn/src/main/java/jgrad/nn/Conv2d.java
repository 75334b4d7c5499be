package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import jgrad.core.ConvOptions;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A two-dimensional convolution layer (PyTorch's {@code nn.Conv2d}), {@code y[n, o] = bias[o] +
 * Σ_c weight[o, c] ⋆ x[n, g·C/G + c]} (cross-correlation, as every deep-learning library
 * computes it) with stride, zero padding, dilation and groups from {@link ConvOptions}.
 *
 * <p>Shapes: {@code x [batch, C, height, width]}, {@code weight [O, C/groups, kh, kw]}, {@code
 * bias [O]} -> {@code [batch, O, oh, ow]} with {@code oh = floor((height + 2 ph - dh (kh - 1) -
 * 1) / sh) + 1} (likewise {@code ow}). Weight, bias and input share a dtype (float64 or float32).
 * Parameter paths: {@code "weight"}, {@code "bias"}, as PyTorch's {@code state_dict}.
 *
 * <p>Composite: {@link Tensor#conv2d(Tensor, Tensor, ConvOptions)} (unfold, a batched matrix
 * product and the bias), no vjp of its own.
 *
 * <pre>{@code
 * jshell> var conv = Conv2d.init(new SplittableRandom(0), 1, 8, 3, ConvOptions.defaults()
 *    ...>         .withPadding(1));
 * jshell> conv.apply(Tensor.zeros(32, 1, 8, 8)).shape()
 * $2 ==> [32, 8, 8, 8]
 * }</pre>
 *
 * @param weight  the kernels, {@code [O, C/groups, kh, kw]}
 * @param bias    the bias, {@code [O]}
 * @param options stride, padding, dilation and groups
 */
public record Conv2d(Tensor weight, Tensor bias, ConvOptions options) implements Layer {

    /**
     * @throws IllegalArgumentException if the weight is not 4-D, the bias is not {@code [O]}, the
     *     groups do not divide {@code O}, or the dtypes differ
     */
    public Conv2d {
        checkNotNull(weight, "conv2d: weight is null");
        checkNotNull(bias, "conv2d: bias is null");
        checkNotNull(options, "conv2d: options is null");
        checkArgument(weight.rank() == 4, "conv2d: weight [out, in / groups, kh, kw] expected, got"
                + " shape %s", weight.shape());
        Convolutions.checkBias("conv2d", weight, bias, options);
    }

    /**
     * PyTorch's default {@code nn.Conv2d(in, out, kernelSize, ...)}: a square kernel, weight and
     * bias drawn from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = in / groups ·
     * kernelSize²} (the weight by {@code kaiming_uniform_(a = sqrt(5))}); float64.
     *
     * @throws IllegalArgumentException if a size is not positive or the groups divide neither
     *     channel count
     */
    public static Conv2d init(RandomGenerator rng, int inChannels, int outChannels,
            int kernelSize, ConvOptions options) {
        return init(rng, inChannels, outChannels, kernelSize, kernelSize, options);
    }

    /**
     * PyTorch's default {@code nn.Conv2d} with a {@code kernelHeight × kernelWidth} kernel; see
     * {@link #init(RandomGenerator, int, int, int, ConvOptions)}.
     *
     * @throws IllegalArgumentException if a size is not positive or the groups divide neither
     *     channel count
     */
    public static Conv2d init(RandomGenerator rng, int inChannels, int outChannels,
            int kernelHeight, int kernelWidth, ConvOptions options) {
        checkNotNull(rng, "conv2d: rng is null");
        checkNotNull(options, "conv2d: options is null");
        Convolutions.checkSizes("conv2d", inChannels, outChannels, options);
        checkArgument(kernelHeight > 0 && kernelWidth > 0,
                "conv2d: kernel sizes must be positive, got %s x %s", kernelHeight, kernelWidth);
        Tensor[] weightAndBias = FanInUniform.weightAndBias(Shape.of(outChannels,
                inChannels / options.groups(), kernelHeight, kernelWidth), rng);
        return new Conv2d(weightAndBias[0], weightAndBias[1], options);
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
     * The convolution of {@code x}. Shapes: {@code [batch, C, height, width]} -> {@code [batch,
     * O, oh, ow]}.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code [batch, C, height, width]} or
     *     too small for the kernel, naming the shapes
     */
    @Override
    public Tensor apply(Tensor x) {
        checkNotNull(x, "conv2d: input is null");
        checkArgument(x.rank() == 4 && x.shape().dim(1) == inChannels(), "conv2d: x [batch, %s,"
                + " height, width] expected for weight %s, got shape %s", inChannels(),
                weight.shape(), x.shape());
        return x.conv2d(weight, bias, options);
    }

    /** {@code Params{weight=[O, C/groups, kh, kw], bias=[O]}}. */
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
    public Conv2d withParams(Params params) {
        ParamsChecks.checkMatches("conv2d", params(), params);
        return new Conv2d(params.get("weight"), params.get("bias"), options);
    }

    /** {@code Conv2d(1, 8, kernel_size=[3, 3], stride=[1, 1], padding=[1, 1])}, as PyTorch. */
    @Override
    public String toString() {
        return "Conv2d(" + inChannels() + ", " + outChannels() + ", kernel_size=["
                + weight.shape().dim(2) + ", " + weight.shape().dim(3) + "]"
                + Convolutions.describe(options, 2) + ")";
    }
}
