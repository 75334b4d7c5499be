package jgrad.nn;

import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/** Seeded random float64 tensors for gradient properties (values, not generators of shapes). */
public final class TestTensors {

    private TestTensors() {}

    /** Uniform values in {@code [low, high)}. */
    public static Tensor uniform(RandomGenerator rng, double low, double high, int... shape) {
        return Tensor.uniform(Shape.of(shape), low, high, rng);
    }

    /**
     * Values with {@code minAbs <= |x| < maxAbs} and a random sign: off the kink at 0 of relu,
     * abs and their relatives.
     */
    public static Tensor awayFromZero(RandomGenerator rng, double minAbs, double maxAbs,
            int... shape) {
        Shape s = Shape.of(shape);
        double[] values = new double[s.size()];
        for (int i = 0; i < values.length; i++) {
            double magnitude = minAbs + (maxAbs - minAbs) * rng.nextDouble();
            values[i] = rng.nextBoolean() ? magnitude : -magnitude;
        }
        return Tensor.of(values, shape);
    }

    /** The smallest absolute value of {@code x}'s elements (infinity for none). */
    public static double minAbs(Tensor x) {
        double min = Double.POSITIVE_INFINITY;
        for (double value : x.toArray()) {
            min = Math.min(min, Math.abs(value));
        }
        return min;
    }
}
