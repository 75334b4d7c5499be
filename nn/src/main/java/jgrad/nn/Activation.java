package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.UnaryOperator;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * An elementwise nonlinearity without settings as a layer without parameters. Shapes: output
 * same as input, any rank. Composite: each is one or two {@link Tensor} operations, no vjp of its
 * own. The activations with a setting are records: {@link LeakyRelu}, {@link Elu}, {@link
 * Softmax}.
 *
 * <pre>{@code
 * jshell> Activation.RELU.apply(Tensor.of(-2, 0, 3))
 * $1 ==> tensor([0., 0., 3.], dtype=float64)
 * }</pre>
 */
public enum Activation implements Layer {

    /**
     * Rectified linear unit, {@code max(x, 0)} (Nair &amp; Hinton, 2010); subgradient at 0 is 0
     * (relu'(0) = 0, as in PyTorch).
     */
    RELU("ReLU", Tensor::relu),

    /** Logistic sigmoid, {@code 1 / (1 + e^-x)}; outputs in (0, 1). */
    SIGMOID("Sigmoid", Tensor::sigmoid),

    /** Hyperbolic tangent, {@code tanh(x)}; outputs in (-1, 1). */
    TANH("Tanh", Tensor::tanh),

    /**
     * Sigmoid-weighted linear unit (swish), {@code x · sigmoid(x)} (Elfwing, Uchibe &amp; Doya,
     * 2018; Ramachandran, Zoph &amp; Le, 2017; PyTorch's {@code nn.SiLU}).
     */
    SILU("SiLU", Tensor::silu),

    /**
     * Gaussian error linear unit, exact form {@code x · Φ(x) = x / 2 · (1 + erf(x / sqrt 2))}
     * (Hendrycks &amp; Gimpel, 2016; PyTorch's {@code nn.GELU()}).
     */
    GELU("GELU", Tensor::gelu),

    /**
     * GELU's tanh approximation, {@code x / 2 · (1 + tanh(sqrt(2 / π) (x + 0.044715 x³)))}
     * (Hendrycks &amp; Gimpel, 2016; PyTorch's {@code nn.GELU(approximate='tanh')}).
     */
    GELU_TANH("GELU(approximate='tanh')", Tensor::geluTanh);

    private final String displayName;
    private final UnaryOperator<Tensor> function;

    Activation(String displayName, UnaryOperator<Tensor> function) {
        this.displayName = displayName;
        this.function = function;
    }

    /** The activation applied elementwise. Shapes: same as {@code input}. */
    @Override
    public Tensor apply(Tensor input) {
        return function.apply(checkNotNull(input, "%s: input is null", displayName));
    }

    /** No parameters: an empty {@code Params}. */
    @Override
    public Params params() {
        return Params.of();
    }

    /**
     * This activation; {@code params} must be empty.
     *
     * @throws IllegalArgumentException if {@code params} has any path
     */
    @Override
    public Activation withParams(Params params) {
        ParamsChecks.checkMatches(displayName, Params.of(), params);
        return this;
    }

    /** As PyTorch prints the module: {@code ReLU}, {@code SiLU}, {@code GELU}, .... */
    @Override
    public String toString() {
        return displayName;
    }
}
