package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.init.Init;

/**
 * A fully connected (affine) layer, {@code y = x · weightᵀ + bias}, in PyTorch's {@code
 * nn.Linear} convention: the weight is stored {@code [out, in]}, one row per output unit.
 *
 * <p>Shapes: {@code x [batch, in]}, {@code weight [out, in]}, {@code bias [out]} -> {@code [batch,
 * out]}. Weight, bias and input must share a dtype (float64 or float32). Parameter paths: {@code
 * "weight"}, {@code "bias"}.
 *
 * <p>Composite: {@code x.linear(weight).add(bias)} (one matmul reading the weight transposed
 * in place), no vjp of its own.
 *
 * <pre>{@code
 * jshell> var layer = Linear.init(new SplittableRandom(0), 4, 16, Init.HE_NORMAL);
 * layer ==> Linear[in=4, out=16, dtype=float64]
 * jshell> layer.apply(Tensor.zeros(8, 4)).shape()
 * $2 ==> [8, 16]
 * }</pre>
 *
 * @param weight the weight, {@code [out, in]}
 * @param bias   the bias, {@code [out]}
 */
public record Linear(Tensor weight, Tensor bias) implements Layer {

    /**
     * @throws IllegalArgumentException if the weight is not 2-D, the bias is not 1-D of length
     *     {@code out}, or their dtypes differ
     */
    public Linear {
        checkNotNull(weight, "linear: weight is null");
        checkNotNull(bias, "linear: bias is null");
        checkArgument(weight.rank() == 2,
                "linear: weight [out, in] expected, got shape %s", weight.shape());
        checkArgument(bias.rank() == 1 && bias.shape().dim(0) == weight.shape().dim(0),
                "linear: bias [out] = [%s] expected for weight %s, got shape %s",
                weight.shape().dim(0), weight.shape(), bias.shape());
        checkArgument(weight.dtype() == bias.dtype(),
                "linear: weight is %s but bias is %s", weight.dtype(), bias.dtype());
    }

    /**
     * A layer from {@code in} to {@code out} features with the weight drawn by {@code init} and a
     * zero bias. Zero biases follow Glorot &amp; Bengio (2010) and He et al. (2015); PyTorch's
     * {@code nn.Linear} instead draws the bias from {@code U(-1/sqrt(in), 1/sqrt(in))}.
     *
     * @throws IllegalArgumentException if {@code in} or {@code out} is not positive
     */
    public static Linear init(RandomGenerator rng, int in, int out, Init init) {
        checkNotNull(rng, "linear: rng is null");
        checkNotNull(init, "linear: init is null");
        checkArgument(in > 0 && out > 0,
                "linear: in and out must be positive, got in=%s, out=%s", in, out);
        return new Linear(init.weight(in, out, rng), Tensor.zeros(out));
    }

    /**
     * PyTorch's default {@code nn.Linear(in, out)}: weight and bias drawn from {@code U(-1 /
     * sqrt(in), 1 / sqrt(in))} (the weight by {@code kaiming_uniform_(a = sqrt(5))}, whose bound
     * is that), weight first; float64.
     *
     * @throws IllegalArgumentException if {@code in} or {@code out} is not positive
     */
    public static Linear init(RandomGenerator rng, int in, int out) {
        checkNotNull(rng, "linear: rng is null");
        checkArgument(in > 0 && out > 0,
                "linear: in and out must be positive, got in=%s, out=%s", in, out);
        Tensor[] weightAndBias = FanInUniform.weightAndBias(Shape.of(out, in), rng);
        return new Linear(weightAndBias[0], weightAndBias[1]);
    }

    /** The number of input features, {@code in}. */
    public int inFeatures() {
        return weight.shape().dim(1);
    }

    /** The number of output features, {@code out}. */
    public int outFeatures() {
        return weight.shape().dim(0);
    }

    /**
     * {@code x · weightᵀ + bias}. Shapes: {@code x [batch, in]} -> {@code [batch, out]}.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code [batch, in]}, naming both shapes
     */
    @Override
    public Tensor apply(Tensor x) {
        checkNotNull(x, "linear: input is null");
        checkArgument(x.rank() == 2 && x.shape().dim(1) == inFeatures(),
                "linear: x [batch, %s] expected for weight %s, got shape %s",
                inFeatures(), weight.shape(), x.shape());
        return x.linear(weight).add(bias);
    }

    /** {@code Params{weight=[out, in], bias=[out]}}. */
    @Override
    public Params params() {
        return Params.of("weight", weight, "bias", bias);
    }

    /**
     * A linear layer with the {@code "weight"} and {@code "bias"} of {@code params}.
     *
     * @throws IllegalArgumentException if the paths are not exactly {@code weight, bias} or a
     *     shape differs from this layer's, naming the path and both shapes
     */
    @Override
    public Linear withParams(Params params) {
        ParamsChecks.checkMatches("linear", params(), params);
        return new Linear(params.get("weight"), params.get("bias"));
    }

    /** {@code Linear[in=4, out=16, dtype=float64]}: the shapes, not the values. */
    @Override
    public String toString() {
        return "Linear[in=" + inFeatures() + ", out=" + outFeatures() + ", dtype="
                + weight.dtype() + "]";
    }
}
