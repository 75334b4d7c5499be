package jgrad.nn.init;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * How a layer's initial weight is drawn, from its fan-in and fan-out. Biases are not drawn here:
 * {@link jgrad.nn.Linear#init} sets them to zero (PyTorch's default differs; see there).
 *
 * <p>Shapes: {@link #weight} returns {@code [fanOut, fanIn]}, float64, the {@code [out, in]}
 * layout of {@link jgrad.nn.Linear}.
 *
 * <pre>{@code
 * jshell> Init.GLOROT_UNIFORM.weight(4, 3, new SplittableRandom(0)).shape()
 * $1 ==> [3, 4]
 * }</pre>
 */
public enum Init {

    /**
     * Glorot (Xavier) uniform: {@code U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}, which
     * keeps the variance of activations and gradients roughly constant across tanh or sigmoid
     * layers. Source: Glorot &amp; Bengio, "Understanding the difficulty of training deep
     * feedforward neural networks", AISTATS 2010, eq. 16; PyTorch's {@code xavier_uniform_} with
     * gain 1.
     */
    GLOROT_UNIFORM {
        @Override
        Tensor draw(Shape shape, int fanIn, int fanOut, RandomGenerator rng) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            return Tensor.uniform(shape, -limit, limit, rng);
        }
    },

    /**
     * He (Kaiming) normal: {@code N(0, 2 / fanIn)}, i.e. standard deviation {@code sqrt(2 /
     * fanIn)}, which keeps the variance of activations constant across ReLU layers. Source: He,
     * Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers", ICCV 2015, eq. 10; PyTorch's {@code
     * kaiming_normal_(mode='fan_in', nonlinearity='relu')}.
     */
    HE_NORMAL {
        @Override
        Tensor draw(Shape shape, int fanIn, int fanOut, RandomGenerator rng) {
            return Tensor.randn(shape, rng).mul(Math.sqrt(2.0 / fanIn));
        }
    },

    /**
     * All zeros; draws nothing from the generator. Every unit of a hidden layer then computes the
     * same function and gets the same gradient, so use it only where symmetry does not matter
     * (a single linear layer, as in logistic regression).
     */
    ZEROS {
        @Override
        Tensor draw(Shape shape, int fanIn, int fanOut, RandomGenerator rng) {
            return Tensor.zeros(shape.toArray());
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
        return draw(Shape.of(fanOut, fanIn), fanIn, fanOut, rng);
    }

    abstract Tensor draw(Shape shape, int fanIn, int fanOut, RandomGenerator rng);
}
