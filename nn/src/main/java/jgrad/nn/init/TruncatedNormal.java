package jgrad.nn.init;

import java.util.random.RandomGenerator;

/**
 * Exact draws from the standard normal distribution conditioned on {@code [a, b]} by rejection
 * (Robert, "Simulation of truncated normal variables", Statistics and Computing 5, 1995), for
 * {@link Init#truncatedNormal}. Each proposal is accepted with probability at least about 0.3,
 * on average, wherever the interval lies.
 */
final class TruncatedNormal {

    private static final double SQRT_2_PI = Math.sqrt(2 * Math.PI);

    private TruncatedNormal() {}

    /** One draw of {@code Z ~ N(0, 1)} given {@code a <= Z <= b}, for {@code a < b}. */
    static double standard(double a, double b, RandomGenerator rng) {
        if (a > 0) {
            return tail(a, b, rng);
        }
        if (b < 0) {
            return -tail(-b, -a, rng);
        }
        if (b - a >= SQRT_2_PI) {
            // Wide and holding the mean: plain normal proposals, kept when inside.
            while (true) {
                double z = rng.nextGaussian();
                if (a <= z && z <= b) {
                    return z;
                }
            }
        }
        // Narrow and holding the mean: uniform proposals, density ratio exp(-z² / 2) <= 1.
        while (true) {
            double z = a + (b - a) * rng.nextDouble();
            if (rng.nextDouble() <= Math.exp(-z * z / 2)) {
                return z;
            }
        }
    }

    /** A draw given {@code 0 < a <= Z <= b} ({@code b} may be infinite). */
    private static double tail(double a, double b, RandomGenerator rng) {
        double rate = (a + Math.sqrt(a * a + 4)) / 2; // Robert's optimal exponential rate
        if (b - a <= 1 / rate) {
            // A short interval: uniform proposals, ratio exp((a² - z²) / 2) <= 1.
            while (true) {
                double z = a + (b - a) * rng.nextDouble();
                if (rng.nextDouble() <= Math.exp((a * a - z * z) / 2)) {
                    return z;
                }
            }
        }
        // A long interval: shifted exponential proposals, ratio exp(-(z - rate)² / 2) <= 1.
        while (true) {
            double z = a - Math.log(1 - rng.nextDouble()) / rate;
            if (z <= b && rng.nextDouble() <= Math.exp(-(z - rate) * (z - rate) / 2)) {
                return z;
            }
        }
    }
}
