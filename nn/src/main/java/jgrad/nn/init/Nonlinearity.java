package jgrad.nn.init;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The recommended gain of an initialiser for the nonlinearity that follows the layer, as
 * PyTorch's {@code torch.nn.init.calculate_gain}: the factor that keeps the variance of
 * activations steady through it.
 *
 * <pre>{@code
 * jshell> Nonlinearity.RELU.gain()
 * $1 ==> 1.4142135623730951
 * }</pre>
 */
public enum Nonlinearity {
    /** No nonlinearity (also a convolution or identity): gain 1. */
    LINEAR(1.0),
    /** Logistic sigmoid: gain 1. */
    SIGMOID(1.0),
    /** Hyperbolic tangent: gain 5/3. */
    TANH(5.0 / 3),
    /** Rectified linear unit: gain {@code sqrt(2)} (He et al., 2015, eq. 10). */
    RELU(Math.sqrt(2.0)),
    /** Leaky ReLU with PyTorch's default negative slope 0.01: {@code sqrt(2 / (1 + 0.01²))}. */
    LEAKY_RELU(Math.sqrt(2.0 / (1 + 0.01 * 0.01))),
    /** SELU: gain 3/4 (PyTorch's choice for self-normalising networks). */
    SELU(3.0 / 4);

    private final double gain;

    Nonlinearity(double gain) {
        this.gain = gain;
    }

    /** The gain, as {@code calculate_gain(name)}. */
    public double gain() {
        return gain;
    }

    /**
     * The gain of a leaky ReLU with slope {@code negativeSlope} for negative inputs, {@code
     * sqrt(2 / (1 + negativeSlope²))} (He et al., 2015, eq. 15; {@code
     * calculate_gain('leaky_relu', negativeSlope)}).
     *
     * @throws IllegalArgumentException if {@code negativeSlope} is not finite
     */
    public static double leakyReluGain(double negativeSlope) {
        checkArgument(Double.isFinite(negativeSlope),
                "leakyReluGain: negativeSlope must be finite, got %s", negativeSlope);
        return Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
    }
}
