package jgrad.nn.init;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Weight initialisers: the constants name a rule for a layer's weight ({@link #weight}, used by
 * {@link jgrad.nn.Linear#init}); the static methods draw a tensor of any shape (zeros, constant,
 * uniform, normal, truncated normal, Glorot/Xavier, He/Kaiming, orthogonal). Biases are not drawn
 * by the constants: {@link jgrad.nn.Linear#init} sets them to zero (PyTorch's default differs;
 * see there).
 *
 * <p>Every draw comes from the {@link RandomGenerator} passed in, so equal seeds give equal
 * weights; results are float64 ({@code cast(DType.FLOAT32)} for float32). Fan-in and fan-out come
 * from the weight's shape by {@link Fans#of}: {@code [out, in]} for a linear weight, {@code [out,
 * in, kh, kw]} for a convolution kernel (fans multiplied by the receptive field {@code kh · kw}).
 * The formulas are PyTorch's {@code torch.nn.init} (version 1.13); the random streams differ.
 *
 * <pre>{@code
 * jshell> Init.GLOROT_UNIFORM.weight(4, 3, new SplittableRandom(0)).shape()
 * $1 ==> [3, 4]
 * jshell> Init.heNormal(Shape.of(16, 4, 3, 3), FanMode.FAN_IN, Nonlinearity.RELU.gain(), rng)
 * }</pre>
 */
public enum Init {

    /**
     * Glorot (Xavier) uniform: {@code U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}, which
     * keeps the variance of activations and gradients roughly constant across tanh or sigmoid
     * layers. Source: Glorot &amp; Bengio, "Understanding the difficulty of training deep
     * feedforward neural networks", AISTATS 2010, eq. 16; PyTorch's {@code xavier_uniform_} with
     * gain 1. Same as {@link #glorotUniform(Shape, double, RandomGenerator)} with gain 1.
     */
    GLOROT_UNIFORM {
        @Override
        Tensor draw(Shape shape, Fans fans, RandomGenerator rng) {
            return glorotUniform(shape, 1.0, rng);
        }
    },

    /**
     * Glorot (Xavier) normal: {@code N(0, 2 / (fanIn + fanOut))} (Glorot &amp; Bengio, 2010;
     * PyTorch's {@code xavier_normal_} with gain 1). Same as {@link #glorotNormal(Shape, double,
     * RandomGenerator)} with gain 1.
     */
    GLOROT_NORMAL {
        @Override
        Tensor draw(Shape shape, Fans fans, RandomGenerator rng) {
            return glorotNormal(shape, 1.0, rng);
        }
    },

    /**
     * He (Kaiming) uniform for ReLU: {@code U(-b, b)} with {@code b = sqrt(6 / fanIn)} (He et al.,
     * 2015; PyTorch's {@code kaiming_uniform_(mode='fan_in', nonlinearity='relu')}). Same as
     * {@link #heUniform(Shape, FanMode, double, RandomGenerator)} with {@code FAN_IN} and gain
     * {@code sqrt(2)}.
     */
    HE_UNIFORM {
        @Override
        Tensor draw(Shape shape, Fans fans, RandomGenerator rng) {
            return heUniform(shape, FanMode.FAN_IN, Nonlinearity.RELU.gain(), rng);
        }
    },

    /**
     * He (Kaiming) normal: {@code N(0, 2 / fanIn)}, i.e. standard deviation {@code sqrt(2 /
     * fanIn)}, which keeps the variance of activations constant across ReLU layers. Source: He,
     * Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers", ICCV 2015, eq. 10; PyTorch's {@code
     * kaiming_normal_(mode='fan_in', nonlinearity='relu')}. The standard deviation is computed as
     * {@code sqrt(2 / fanIn)}, which can differ in the last bit from {@link #heNormal(Shape,
     * FanMode, double, RandomGenerator)}'s {@code sqrt(2) / sqrt(fanIn)}.
     */
    HE_NORMAL {
        @Override
        Tensor draw(Shape shape, Fans fans, RandomGenerator rng) {
            return Tensor.randn(shape, rng).mul(Math.sqrt(2.0 / fans.fanIn()));
        }
    },

    /**
     * A (semi-)orthogonal weight with gain 1: {@link #orthogonal(Shape, double,
     * RandomGenerator)}.
     */
    ORTHOGONAL {
        @Override
        Tensor draw(Shape shape, Fans fans, RandomGenerator rng) {
            return orthogonal(shape, 1.0, rng);
        }
    },

    /**
     * All zeros; draws nothing from the generator. Every unit of a hidden layer then computes the
     * same function and gets the same gradient, so use it only where symmetry does not matter
     * (a single linear layer, as in logistic regression).
     */
    ZEROS {
        @Override
        Tensor draw(Shape shape, Fans fans, RandomGenerator rng) {
            return zeros(shape);
        }
    };

    /**
     * A weight for a layer from {@code fanIn} inputs to {@code fanOut} outputs. Shapes: {@code
     * [fanOut, fanIn]}, float64.
     *
     * @throws IllegalArgumentException if {@code fanIn} or {@code fanOut} is not positive
     */
    public Tensor weight(int fanIn, int fanOut, RandomGenerator rng) {
        checkNotNull(rng, "init: rng is null");
        checkArgument(fanIn > 0 && fanOut > 0,
                "init: fanIn and fanOut must be positive, got %s and %s", fanIn, fanOut);
        return weight(Shape.of(fanOut, fanIn), rng);
    }

    /**
     * A weight of {@code shape} {@code [out, in, k1, ...]}, e.g. a convolution kernel {@code [out,
     * in, kh, kw]}, with the fans of {@link Fans#of}. Shapes: {@code shape}, float64.
     *
     * @throws IllegalArgumentException if {@code shape} has fewer than 2 dimensions or a zero one
     */
    public Tensor weight(Shape shape, RandomGenerator rng) {
        checkNotNull(rng, "init: rng is null");
        return draw(shape, Fans.of(shape), rng);
    }

    abstract Tensor draw(Shape shape, Fans fans, RandomGenerator rng);

    // ---------------------------------------------------------------- any shape

    /** Zeros of {@code shape}, float64 (PyTorch's {@code zeros_}). */
    public static Tensor zeros(Shape shape) {
        return constant(shape, 0.0);
    }

    /**
     * {@code value} everywhere, float64 (PyTorch's {@code constant_}).
     *
     * @throws IllegalArgumentException if {@code value} is not finite
     */
    public static Tensor constant(Shape shape, double value) {
        checkNotNull(shape, "constant: shape is null");
        checkArgument(Double.isFinite(value), "constant: value must be finite, got %s", value);
        return Tensor.full(value, shape.toArray());
    }

    /**
     * Independent draws from {@code U(low, high)}, float64 (PyTorch's {@code uniform_}, default
     * {@code [0, 1)}).
     *
     * @throws IllegalArgumentException unless {@code low < high}, both finite
     */
    public static Tensor uniform(Shape shape, double low, double high, RandomGenerator rng) {
        checkNotNull(shape, "uniform: shape is null");
        return Tensor.uniform(shape, low, high, checkNotNull(rng, "uniform: rng is null"));
    }

    /**
     * Independent draws from {@code N(mean, std²)}, float64 (PyTorch's {@code normal_}, default
     * {@code N(0, 1)}).
     *
     * @throws IllegalArgumentException if {@code mean} is not finite or {@code std} is negative
     *     or not finite
     */
    public static Tensor normal(Shape shape, double mean, double std, RandomGenerator rng) {
        checkNotNull(shape, "normal: shape is null");
        checkNotNull(rng, "normal: rng is null");
        checkArgument(Double.isFinite(mean), "normal: mean must be finite, got %s", mean);
        checkArgument(std >= 0 && Double.isFinite(std),
                "normal: std must be >= 0 and finite, got %s", std);
        Tensor draws = Tensor.randn(shape, rng).mul(std);
        return mean == 0 ? draws : draws.add(mean);
    }

    /**
     * Independent draws from {@code N(mean, std²)} conditioned on {@code [low, high]}, float64
     * (PyTorch's {@code trunc_normal_(mean=0, std=1, a=-2, b=2)}; note that its bounds, like these,
     * are values, not multiples of {@code std}: Keras's and JAX's truncate at two standard
     * deviations, {@code low = mean - 2 std}). Drawn exactly by rejection (Robert, "Simulation of
     * truncated normal variables", Statistics and Computing 5, 1995): normal proposals when the
     * interval holds the mean and is wide, uniform proposals when it is narrow, exponential ones
     * in a far tail; PyTorch inverts the CDF instead.
     *
     * @throws IllegalArgumentException if a value is not finite (the bounds may be infinite),
     *     {@code std <= 0}, or {@code low >= high}
     */
    public static Tensor truncatedNormal(Shape shape, double mean, double std, double low,
            double high, RandomGenerator rng) {
        checkNotNull(shape, "truncatedNormal: shape is null");
        checkNotNull(rng, "truncatedNormal: rng is null");
        checkArgument(Double.isFinite(mean) && std > 0 && Double.isFinite(std),
                "truncatedNormal: need a finite mean and std > 0, got %s and %s", mean, std);
        checkArgument(low < high && !Double.isNaN(low) && !Double.isNaN(high),
                "truncatedNormal: need low < high, got [%s, %s]", low, high);
        double a = (low - mean) / std;
        double b = (high - mean) / std;
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * TruncatedNormal.standard(a, b, rng);
        }
        return Tensor.of(values, shape.toArray());
    }

    /**
     * Glorot (Xavier) uniform: {@code U(-a, a)} with {@code a = gain · sqrt(6 / (fanIn +
     * fanOut))} (Glorot &amp; Bengio, AISTATS 2010, eq. 16; PyTorch's {@code xavier_uniform_}).
     *
     * @throws IllegalArgumentException if {@code shape} has fewer than 2 dimensions or {@code
     *     gain} is not positive and finite
     */
    public static Tensor glorotUniform(Shape shape, double gain, RandomGenerator rng) {
        Fans fans = Fans.of(shape);
        double limit = checkGain("glorotUniform", gain)
                * Math.sqrt(6.0 / (fans.fanIn() + fans.fanOut()));
        return Tensor.uniform(shape, -limit, limit, checkNotNull(rng, "glorotUniform: rng"));
    }

    /**
     * Glorot (Xavier) normal: {@code N(0, std²)} with {@code std = gain · sqrt(2 / (fanIn +
     * fanOut))} (Glorot &amp; Bengio, 2010; PyTorch's {@code xavier_normal_}).
     *
     * @throws IllegalArgumentException if {@code shape} has fewer than 2 dimensions or {@code
     *     gain} is not positive and finite
     */
    public static Tensor glorotNormal(Shape shape, double gain, RandomGenerator rng) {
        Fans fans = Fans.of(shape);
        double std = checkGain("glorotNormal", gain)
                * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut()));
        return normal(shape, 0, std, rng);
    }

    /**
     * He (Kaiming) uniform: {@code U(-b, b)} with {@code b = sqrt(3) · gain / sqrt(fan)}, the fan
     * chosen by {@code mode} (He et al., ICCV 2015; PyTorch's {@code kaiming_uniform_}, whose
     * default is {@code FAN_IN} with the gain of a leaky ReLU of slope 0, i.e. {@code
     * Nonlinearity.RELU.gain()}).
     *
     * @throws IllegalArgumentException if {@code shape} has fewer than 2 dimensions or {@code
     *     gain} is not positive and finite
     */
    public static Tensor heUniform(Shape shape, FanMode mode, double gain, RandomGenerator rng) {
        double std = checkGain("heUniform", gain) / Math.sqrt(Fans.of(shape).fan(mode));
        double bound = Math.sqrt(3.0) * std;
        return Tensor.uniform(shape, -bound, bound, checkNotNull(rng, "heUniform: rng"));
    }

    /**
     * He (Kaiming) normal: {@code N(0, std²)} with {@code std = gain / sqrt(fan)}, the fan chosen
     * by {@code mode} (He et al., ICCV 2015, eq. 10 for {@code FAN_IN}, eq. 14 for {@code
     * FAN_OUT}; PyTorch's {@code kaiming_normal_}).
     *
     * @throws IllegalArgumentException if {@code shape} has fewer than 2 dimensions or {@code
     *     gain} is not positive and finite
     */
    public static Tensor heNormal(Shape shape, FanMode mode, double gain, RandomGenerator rng) {
        double std = checkGain("heNormal", gain) / Math.sqrt(Fans.of(shape).fan(mode));
        return normal(shape, 0, std, rng);
    }

    /**
     * A (semi-)orthogonal weight times {@code gain} (Saxe, McClelland &amp; Ganguli, "Exact
     * solutions to the nonlinear dynamics of learning in deep linear neural networks", ICLR 2014;
     * PyTorch's {@code orthogonal_}): the weight is viewed as a matrix {@code [rows, cols]} with
     * {@code rows = shape[0]} and {@code cols} the product of the other dimensions, drawn with
     * i.i.d. {@code N(0, 1)} entries and replaced by the {@code Q} of its QR decomposition (of its
     * transpose when {@code rows < cols}) with {@code R}'s diagonal made positive, computed by
     * modified Gram-Schmidt with re-orthogonalisation. Then {@code W Wᵀ = gain² I} when {@code
     * rows <= cols} and {@code Wᵀ W = gain² I} otherwise; the distribution is uniform (Haar) over
     * such matrices.
     *
     * @throws IllegalArgumentException if {@code shape} has fewer than 2 dimensions or a zero one,
     *     or {@code gain} is not positive and finite
     */
    public static Tensor orthogonal(Shape shape, double gain, RandomGenerator rng) {
        checkNotNull(shape, "orthogonal: shape is null");
        checkNotNull(rng, "orthogonal: rng is null");
        checkArgument(shape.rank() >= 2 && shape.size() > 0,
                "orthogonal: a shape of rank >= 2 without zero dimensions expected, got %s",
                shape);
        checkGain("orthogonal", gain);
        int rows = shape.dim(0);
        int cols = shape.size() / rows;
        double[] matrix = Orthogonal.draw(rows, cols, rng);
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] *= gain;
        }
        return Tensor.of(matrix, shape.toArray());
    }

    private static double checkGain(String init, double gain) {
        checkArgument(gain > 0 && Double.isFinite(gain),
                "%s: gain must be positive and finite, got %s", init, gain);
        return gain;
    }
}
