package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * PyTorch's default initialisation of {@code nn.Linear} and {@code nn.Conv*d} ({@code
 * reset_parameters}): the weight from {@code kaiming_uniform_(a = sqrt(5))}, whose bound {@code
 * gain · sqrt(3 / fanIn)} with {@code gain = sqrt(2 / (1 + a²)) = sqrt(1 / 3)} is {@code 1 /
 * sqrt(fanIn)}, and the bias from {@code U(-1 / sqrt(fanIn), 1 / sqrt(fanIn))}. {@code fanIn} is
 * the inputs per output unit: {@code in} for a linear layer, {@code inChannels / groups · kernel
 * elements} for a convolution.
 */
final class FanInUniform {

    private FanInUniform() {}

    /** {@code U(-1 / sqrt(fanIn), 1 / sqrt(fanIn))} of {@code shape}, float64. */
    static Tensor draw(Shape shape, int fanIn, RandomGenerator rng) {
        double bound = 1 / Math.sqrt(fanIn);
        return Tensor.uniform(shape, -bound, bound, rng);
    }
}
