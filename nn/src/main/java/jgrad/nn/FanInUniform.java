package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.init.FanMode;
import jgrad.nn.init.Fans;
import jgrad.nn.init.Init;
import jgrad.nn.init.Nonlinearity;

/**
 * PyTorch's default initialisation of {@code nn.Linear} and {@code nn.Conv*d} ({@code
 * reset_parameters}): the weight from {@code kaiming_uniform_(a = sqrt(5))}, whose bound {@code
 * gain · sqrt(3 / fanIn)} with {@code gain = sqrt(2 / (1 + a²)) = sqrt(1 / 3)} is {@code 1 /
 * sqrt(fanIn)}, and the bias from {@code U(-1 / sqrt(fanIn), 1 / sqrt(fanIn))}. {@code fanIn} is
 * read from the weight's shape {@code [out, in, k...]} ({@link Fans}): {@code in} for a linear
 * layer, {@code inChannels / groups · kernel elements} for a convolution.
 */
final class FanInUniform {

    private static final double GAIN = Nonlinearity.leakyReluGain(Math.sqrt(5));

    private FanInUniform() {}

    /** The weight of {@code shape}, then the bias of {@code [out]}, drawn in that order. */
    static Tensor[] weightAndBias(Shape weightShape, RandomGenerator rng) {
        Tensor weight = Init.heUniform(weightShape, FanMode.FAN_IN, GAIN, rng);
        double bound = 1 / Math.sqrt(Fans.of(weightShape).fanIn());
        Tensor bias = Init.uniform(Shape.of(weightShape.dim(0)), -bound, bound, rng);
        return new Tensor[] {weight, bias};
    }
}
