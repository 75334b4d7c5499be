package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Layer normalisation (Ba, Kiros &amp; Hinton, "Layer Normalization", 2016; PyTorch's {@code
 * nn.LayerNorm}): each sample is normalised over its last axes, {@code y = (x - mean) / sqrt(var
 * + eps) ⊙ weight + bias}, with the mean and the biased variance over those axes. The same in
 * training and evaluation; no state.
 *
 * <p>Shapes: {@code x [..., *normalizedShape]}; {@code weight} and {@code bias} {@code
 * normalizedShape}; output same as {@code x}. Float64 or float32.
 *
 * <p>Composite: no vjp of its own; the gradient keeps the terms through the mean and variance.
 * The variance is computed in two passes ({@code mean((x - mean)^2)}), so over one element it is
 * exactly 0 and the output is exactly {@code bias} (a fused single-pass variance is not, which
 * gave PyTorch a nonzero weight gradient there, pytorch/pytorch#188372).
 *
 * @param weight the elementwise scale, shape {@code normalizedShape} (initially 1)
 * @param bias   the elementwise shift, shape {@code normalizedShape} (initially 0)
 * @param eps    added to the variance, positive (default 1e-5)
 */
public record LayerNorm(Tensor weight, Tensor bias, double eps) implements Layer {

    /**
     * @throws IllegalArgumentException if weight and bias differ in shape or dtype, are scalars,
     *     or eps is not positive
     */
    public LayerNorm {
        checkNotNull(weight, "layerNorm: weight is null");
        checkNotNull(bias, "layerNorm: bias is null");
        checkArgument(weight.rank() >= 1, "layerNorm: weight must have rank 1 or more, got %s",
                weight.shape());
        checkArgument(bias.shape().equals(weight.shape()) && bias.dtype() == weight.dtype(),
                "layerNorm: bias %s %s does not match weight %s %s", bias.shape(), bias.dtype(),
                weight.shape(), weight.dtype());
        Normalization.checkEps("layerNorm", eps);
    }

    /**
     * PyTorch's initial layer over the last axes of shape {@code normalizedShape}: weight 1,
     * bias 0, eps 1e-5; float64.
     *
     * @throws IllegalArgumentException if the shape is empty or a size is not positive
     */
    public static LayerNorm init(int... normalizedShape) {
        checkArgument(normalizedShape.length > 0, "layerNorm: normalizedShape is empty");
        Shape shape = Shape.of(normalizedShape);
        return new LayerNorm(Tensor.ones(shape, DType.FLOAT64), Tensor.zeros(shape,
                DType.FLOAT64), 1e-5);
    }

    /** The shape of the normalised trailing axes. */
    public Shape normalizedShape() {
        return weight.shape();
    }

    /**
     * Normalised over the last {@code normalizedShape().rank()} axes, scaled and shifted.
     *
     * @throws IllegalArgumentException if the input's trailing axes are not {@code
     *     normalizedShape}, naming both shapes
     */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "layerNorm: input is null");
        int k = weight.rank();
        int rank = input.rank();
        boolean fits = rank >= k;
        for (int i = 0; fits && i < k; i++) {
            fits = input.shape().dim(rank - k + i) == weight.shape().dim(i);
        }
        checkArgument(fits, "layerNorm: x [..., %s] expected (normalizedShape %s), got shape %s",
                weight.shape(), weight.shape(), input.shape());
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = rank - k + i;
        }
        return Normalization.normalize(input, axes, eps).normalized().mul(weight).add(bias);
    }

    /** {@code Params{weight, bias}}. */
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
    public LayerNorm withParams(Params params) {
        ParamsChecks.checkMatches("layerNorm", params(), params);
        return new LayerNorm(params.get("weight"), params.get("bias"), eps);
    }

    /** {@code LayerNorm([4], eps=1.0E-5)}. */
    @Override
    public String toString() {
        return "LayerNorm(" + weight.shape() + ", eps=" + eps + ")";
    }
}
