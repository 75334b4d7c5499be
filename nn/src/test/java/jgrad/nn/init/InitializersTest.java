package jgrad.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The initialisers' fans, scales and distributions. Statistical checks use fixed seeds; each
 * tolerance is stated with the standard error it allows (a sample standard deviation of {@code n}
 * normal draws has relative standard error about {@code 1 / sqrt(2n)}, a sample mean {@code std /
 * sqrt(n)}).
 */
class InitializersTest {

    // ---------------------------------------------------------------- N20 and siblings

    @Test
    void n20FanInAndFanOutOfLinearAndConvolutionWeights() {
        assertEquals(new Fans(400, 10), Fans.of(Shape.of(10, 400)));
        assertEquals(new Fans(36, 144), Fans.of(Shape.of(16, 4, 3, 3)));
        // Linear [out, in] = [10, 400], He normal: std sqrt(2 / 400) = 0.0707 (fan-out would give
        // 0.447). 4000 draws: relative standard error of the std 1.1%, so +-5% is 4.5 errors.
        Tensor linear = Init.HE_NORMAL.weight(Shape.of(10, 400), new SplittableRandom(20));
        assertEquals(0.07071067811865475, std(linear), 0.05 * 0.07071067811865475);
        assertEquals(0, mean(linear), 0.01);
        // Linear [100, 400], Glorot uniform: bound sqrt(6 / 500); std of U(-a, a) is a / sqrt(3);
        // 40 000 draws, relative standard error of that std 0.4%, so +-3% is 7.5 errors.
        double bound = 0.10954451150103323;
        Tensor glorot = Init.GLOROT_UNIFORM.weight(Shape.of(100, 400), new SplittableRandom(21));
        assertTrue(maxAbs(glorot) <= bound && maxAbs(glorot) >= 0.99 * bound);
        assertEquals(bound / Math.sqrt(3), std(glorot), 0.03 * bound / Math.sqrt(3));
        // Convolution [16, 4, 3, 3]: fan-in 36, He std sqrt(2 / 36) = 0.2357 (fan-in 4 would give
        // 0.707); 20 kernels pooled (11 520 draws, standard error 0.66%, +-5% is 7.6 errors).
        double[] he = pooled(20, rng -> Init.heNormal(Shape.of(16, 4, 3, 3), FanMode.FAN_IN,
                Nonlinearity.RELU.gain(), rng), 22);
        assertEquals(0.23570226039551584, std(he), 0.05 * 0.23570226039551584);
        // Glorot bound sqrt(6 / (36 + 144)) = 0.1826 for the kernel.
        double[] glorotConv = pooled(20,
                rng -> Init.GLOROT_UNIFORM.weight(Shape.of(16, 4, 3, 3), rng), 23);
        assertTrue(maxAbs(glorotConv) <= 0.18257418583505536);
        assertTrue(maxAbs(glorotConv) >= 0.99 * 0.18257418583505536);
    }

    @Test
    void fansOfOtherKernelsAndHeUniformByFanOut() {
        assertEquals(new Fans(15, 40), Fans.of(Shape.of(8, 3, 5)));          // conv1d kernel
        assertEquals(new Fans(9, 144), Fans.of(Shape.of(16, 1, 3, 3)));      // depthwise, as torch
        assertEquals(new Fans(2, 3), Fans.of(Shape.of(3, 2)));
        // He uniform, fan_out of [32, 16, 3, 3] = 288: bound sqrt(3) sqrt(2) / sqrt(288) =
        // sqrt(6 / 288) = 0.1443 (fan_in 144 would give 0.204). 10 kernels (46 080 draws).
        double bound = Math.sqrt(6.0 / 288);
        double[] w = pooled(10, rng -> Init.heUniform(Shape.of(32, 16, 3, 3), FanMode.FAN_OUT,
                Nonlinearity.RELU.gain(), rng), 24);
        assertTrue(maxAbs(w) <= bound && maxAbs(w) >= 0.99 * bound, "max " + maxAbs(w));
        assertEquals(bound / Math.sqrt(3), std(w), 0.03 * bound / Math.sqrt(3));
        // Glorot normal with the tanh gain on [20, 30, 2]: std 5/3 sqrt(2 / (60 + 40)).
        double[] g = pooled(50, rng -> Init.glorotNormal(Shape.of(20, 30, 2),
                Nonlinearity.TANH.gain(), rng), 25);
        assertEquals(5.0 / 3 * Math.sqrt(0.02), std(g), 0.03 * 5.0 / 3 * Math.sqrt(0.02));
    }

    @Test
    void aBiasHasNoFans() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.heNormal(Shape.of(10), FanMode.FAN_IN, 1, new SplittableRandom(0)));
        assertEquals("fans: a weight [out, in, ...] of rank >= 2 expected, got shape [10]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fans.of(Shape.of(3, 0, 2)));
        assertEquals("fans: shape [3, 0, 2] has a zero dimension", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Init.glorotUniform(Shape.of(2, 2), 0, new SplittableRandom(0)));
        assertEquals("glorotUniform: gain must be positive and finite, got 0.0", e.getMessage());
    }

    // ---------------------------------------------------------------- gains

    @Test
    void gainsAreTorchsCalculateGain() {
        // torch.nn.init.calculate_gain in torch 1.13 for each name, and leaky_relu with 0.2.
        assertEquals(1.0, Nonlinearity.LINEAR.gain());
        assertEquals(1.0, Nonlinearity.SIGMOID.gain());
        assertEquals(1.6666666666666667, Nonlinearity.TANH.gain());
        assertEquals(1.4142135623730951, Nonlinearity.RELU.gain());
        assertEquals(1.4141428569978354, Nonlinearity.LEAKY_RELU.gain());
        assertEquals(0.75, Nonlinearity.SELU.gain());
        assertEquals(1.3867504905630728, Nonlinearity.leakyReluGain(0.2));
    }

    // ---------------------------------------------------------------- distributions

    @Test
    void simpleInitialisersHaveTheirShapeValuesAndMoments() {
        Shape shape = Shape.of(200, 100);
        assertTrue(Init.zeros(shape).allClose(Tensor.zeros(200, 100), 0, 0));
        assertTrue(Init.constant(Shape.of(2, 3), 0.5).allClose(Tensor.full(0.5, 2, 3), 0, 0));
        // 20 000 draws: the mean is within 5 standard errors, the std within 5%.
        Tensor normal = Init.normal(shape, 3, 0.5, new SplittableRandom(26));
        assertEquals(3, mean(normal), 5 * 0.5 / Math.sqrt(20_000));
        assertEquals(0.5, std(normal), 0.05 * 0.5);
        Tensor uniform = Init.uniform(shape, -1, 3, new SplittableRandom(27));
        double[] values = uniform.toArray();
        for (double value : values) {
            assertTrue(-1 <= value && value < 3);
        }
        assertEquals(1, mean(uniform), 5 * 4 / Math.sqrt(12 * 20_000.0));
    }

    @Test
    void truncatedNormalStaysInsideItsBoundsWithTheTruncatedMoments() {
        // Reference moments by numerical integration of the truncated density (NumPy trapezoid,
        // 2 000 001 points): N(0, 1) on [-2, 2]: mean 0, std 0.8796256610341873; on [3, inf):
        // mean 3.2830986549201917, std 0.2656297927352358; N(5, 1) on [0.1, 0.2]: mean
        // 0.1540245777631019; N(1, 4) on [-1, 0]: mean -0.4690809176825818; N(0, 1) on [-0.5,
        // 1.5]: mean 0.35627288417702047, std 0.5293846901368681. 50 000 draws each; tolerances
        // are 5 to 8 standard errors. The five intervals take the sampler's four paths: wide
        // around the mean, a far tail, short intervals in a tail, narrow around the mean.
        Shape shape = Shape.of(50_000);
        Tensor central = Init.truncatedNormal(shape, 0, 1, -2, 2, new SplittableRandom(28));
        assertWithin(central, -2, 2);
        assertEquals(0, mean(central), 0.02);
        assertEquals(0.8796256610341873, std(central), 0.015);
        Tensor tail = Init.truncatedNormal(shape, 0, 1, 3, Double.POSITIVE_INFINITY,
                new SplittableRandom(29));
        assertWithin(tail, 3, Double.POSITIVE_INFINITY);
        assertEquals(3.2830986549201917, mean(tail), 0.006);
        assertEquals(0.2656297927352358, std(tail), 0.008);
        Tensor farLeft = Init.truncatedNormal(shape, 5, 1, 0.1, 0.2, new SplittableRandom(30));
        assertWithin(farLeft, 0.1, 0.2);
        assertEquals(0.1540245777631019, mean(farLeft), 0.001);
        Tensor shifted = Init.truncatedNormal(shape, 1, 2, -1, 0, new SplittableRandom(31));
        assertWithin(shifted, -1, 0);
        assertEquals(-0.4690809176825818, mean(shifted), 0.007);
        Tensor narrow = Init.truncatedNormal(shape, 0, 1, -0.5, 1.5, new SplittableRandom(37));
        assertWithin(narrow, -0.5, 1.5);
        assertEquals(0.35627288417702047, mean(narrow), 0.012);
        assertEquals(0.5293846901368681, std(narrow), 0.012);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.truncatedNormal(shape, 0, 1, 2, -2, new SplittableRandom(0)));
        assertEquals("truncatedNormal: need low < high, got [2.0, -2.0]", e.getMessage());
    }

    @Test
    void orthogonalRowsOrColumnsAreOrthonormal() {
        // W Wᵀ = I for rows <= cols, Wᵀ W = I for rows > cols, within 1e-12 per entry.
        assertGram(Init.orthogonal(Shape.of(3, 5), 1, new SplittableRandom(32)), 3, 5, true, 1);
        assertGram(Init.orthogonal(Shape.of(6, 2), 1, new SplittableRandom(33)), 6, 2, false, 1);
        assertGram(Init.orthogonal(Shape.of(7, 7), 1, new SplittableRandom(34)), 7, 7, true, 1);
        assertGram(Init.orthogonal(Shape.of(7, 7), 1, new SplittableRandom(34)), 7, 7, false, 1);
        // A convolution kernel [4, 2, 3, 3] is the matrix [4, 18]; gain 2 gives 4 I.
        Tensor kernel = Init.ORTHOGONAL.weight(Shape.of(4, 2, 3, 3), new SplittableRandom(35));
        assertEquals(Shape.of(4, 2, 3, 3), kernel.shape());
        assertGram(kernel, 4, 18, true, 1);
        assertGram(Init.orthogonal(Shape.of(4, 2, 3, 3), 2, new SplittableRandom(35)), 4, 18, true,
                4);
        assertGram(Init.orthogonal(Shape.of(200, 50), 1, new SplittableRandom(36)), 200, 50,
                false, 1);
    }

    @Test
    void gramSchmidtStaysOrthogonalForNearlyParallelVectors() {
        // Gaussian matrices are well conditioned, so a single modified Gram-Schmidt pass would do
        // there; vectors u + 1e-8 w_j (u, w_j Gaussian; condition number about 1e8) need the
        // second pass: a single one leaves inner products up to about eps · 1e8 (9e-10 here).
        int n = 6;
        SplittableRandom rng = new SplittableRandom(38);
        double[] u = new double[n];
        for (int k = 0; k < n; k++) {
            u[k] = rng.nextGaussian();
        }
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                vectors[j][k] = u[k] + 1e-8 * rng.nextGaussian();
            }
        }
        Orthogonal.orthonormalise(vectors);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += vectors[i][k] * vectors[j][k];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-12, "<q" + i + ", q" + j + ">");
            }
        }
    }

    // ---------------------------------------------------------------- reproducibility

    @Test
    void equalSeedsGiveEqualTensorsAndTheOldConstantsDrawAsBefore() {
        Shape shape = Shape.of(4, 3, 2);
        for (Function<RandomGenerator, Tensor> init : List.<Function<RandomGenerator, Tensor>>of(
                rng -> Init.uniform(shape, 0, 1, rng),
                rng -> Init.normal(shape, 0, 1, rng),
                rng -> Init.truncatedNormal(shape, 0, 1, -2, 2, rng),
                rng -> Init.glorotUniform(shape, 1, rng),
                rng -> Init.glorotNormal(shape, 1, rng),
                rng -> Init.heUniform(shape, FanMode.FAN_IN, 1, rng),
                rng -> Init.heNormal(shape, FanMode.FAN_OUT, 1, rng),
                rng -> Init.orthogonal(shape, 1, rng))) {
            assertTrue(init.apply(new SplittableRandom(9)).allClose(
                    init.apply(new SplittableRandom(9)), 0, 0));
        }
        // Pinned from the implementation before this file's initialisers were added: the
        // notebooks' accuracies depend on these draws.
        assertArrayEquals(new double[] {-0.5855629184317689, 0.8383460425269622,
            0.846451630135031, 0.7836191807908962, 0.03601148828127743, -0.6491873841359342},
                Init.HE_NORMAL.weight(3, 2, new SplittableRandom(42)).toArray(), 0.0);
        assertArrayEquals(new double[] {0.5292421328173138, -0.7450989975775218,
            -0.48506062066163436, -0.3413610369148826, -1.0121251903094675, 0.8067472953250989},
                Init.GLOROT_UNIFORM.weight(3, 2, new SplittableRandom(42)).toArray(), 0.0);
    }

    // ---------------------------------------------------------------- helpers

    private static double[] pooled(int draws, Function<RandomGenerator, Tensor> init, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] parts = new double[draws][];
        int total = 0;
        for (int i = 0; i < draws; i++) {
            parts[i] = init.apply(rng).toArray();
            total += parts[i].length;
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static void assertGram(Tensor w, int rows, int cols, boolean rowsOrthonormal,
            double scale) {
        Tensor matrix = w.reshape(rows, cols);
        Tensor gram = rowsOrthonormal ? matrix.matmul(matrix.transpose())
                : matrix.transpose().matmul(matrix);
        int n = rowsOrthonormal ? rows : cols;
        double[] values = gram.toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double want = i == j ? scale : 0;
                assertEquals(want, values[i * n + j], 1e-12, "gram[" + i + ", " + j + "]");
            }
        }
    }

    private static void assertWithin(Tensor x, double low, double high) {
        for (double value : x.toArray()) {
            assertTrue(low <= value && value <= high, value + " outside [" + low + ", " + high
                    + "]");
        }
    }

    private static double maxAbs(Tensor x) {
        return maxAbs(x.toArray());
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    private static double mean(Tensor x) {
        return mean(x.toArray());
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double std(Tensor x) {
        return std(x.toArray());
    }

    private static double std(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
