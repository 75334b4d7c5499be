package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.core.Autodiff;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class SyntheticTest {

    private static SplittableRandom rng(long seed) {
        return new SplittableRandom(seed);
    }

    @Test
    void noiselessMoonsLieOnTheirHalfCircles() {
        Dataset moons = Synthetic.twoMoons(101, 0, rng(0));
        assertEquals(Shape.of(101, 2), moons.features().shape());
        assertEquals(ImmutableList.of("upper", "lower"), moons.classNames());
        assertArrayEquals(new int[] {50, 51}, StratifiedSplitTest.classCounts(moons));
        double[] p = moons.features().toArray();
        for (int i = 0; i < 101; i++) {
            double x = p[2 * i];
            double y = p[2 * i + 1];
            if (moons.labels().get(i) == 0) {
                assertEquals(1, x * x + y * y, 1e-12);
                assertTrue(y >= -1e-12);
            } else {
                assertEquals(1, (x - 1) * (x - 1) + (y - 0.5) * (y - 0.5), 1e-12);
                assertTrue(y <= 0.5 + 1e-12);
            }
        }
    }

    @Test
    void noiselessCirclesHaveTheirRadiiAndSpiralsTheirArms() {
        Dataset circles = Synthetic.circles(40, 0, 0.5, rng(1));
        double[] p = circles.features().toArray();
        for (int i = 0; i < 40; i++) {
            double r = Math.hypot(p[2 * i], p[2 * i + 1]);
            assertEquals(circles.labels().get(i) == 0 ? 1 : 0.5, r, 1e-12);
        }
        Dataset spirals = Synthetic.spirals(40, 0, rng(1));
        double[] s = spirals.features().toArray();
        for (int i = 0; i < 40; i++) {
            double r = Math.hypot(s[2 * i], s[2 * i + 1]);
            // theta = 4 pi r + c pi: the angle of the point, modulo 2 pi.
            double theta = 4 * Math.PI * r + spirals.labels().get(i) * Math.PI;
            assertEquals(r * Math.cos(theta), s[2 * i], 1e-12);
            assertEquals(r * Math.sin(theta), s[2 * i + 1], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> Synthetic.circles(10, 0, 1, rng(0)));
    }

    @Test
    void blobsSpreadAroundTheirCentres() {
        Tensor centers = Tensor.of(new double[][] {{0, 0, 0}, {10, -5, 2}});
        Dataset blobs = Synthetic.blobs(2001, centers, 0.5, rng(2));
        assertArrayEquals(new int[] {1001, 1000}, StratifiedSplitTest.classCounts(blobs));
        double[] p = blobs.features().toArray();
        double[] sums = new double[6];
        for (int i = 0; i < 2001; i++) {
            for (int j = 0; j < 3; j++) {
                sums[3 * blobs.labels().get(i) + j] += p[3 * i + j];
            }
        }
        // Means within 4 standard errors (0.5 / sqrt(1000) = 0.016).
        double[] expected = {0, 0, 0, 10, -5, 2};
        for (int j = 0; j < 6; j++) {
            assertEquals(expected[j], sums[j] / (j < 3 ? 1001 : 1000), 0.064, "mean " + j);
        }
        Dataset random = Synthetic.blobs(30, 3, 4, 1.0, rng(3));
        assertEquals(Shape.of(30, 4), random.features().shape());
        assertEquals(ImmutableList.of("0", "1", "2"), random.classNames());
    }

    @Test
    void theNoisyLineHasItsSlopeAndIntercept() {
        RegressionData line = Synthetic.line(2000, 3, -1, 0.1, rng(4));
        assertEquals(Shape.of(2000, 1), line.targets().shape());
        // Least squares: slope = cov(x, y) / var(x); x uniform in [-1, 1) has var 1/3.
        double[] x = line.features().toArray();
        double[] y = line.targets().toArray();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
            assertTrue(-1 <= x[i] && x[i] < 1);
        }
        double cov = 0;
        double var = 0;
        for (int i = 0; i < x.length; i++) {
            cov += (x[i] - mx) * (y[i] - my);
            var += (x[i] - mx) * (x[i] - mx);
        }
        double slope = cov / var;
        assertEquals(3, slope, 0.02);
        assertEquals(-1, my - slope * mx, 0.02);
        assertEquals("RegressionData[2000 samples x 1 features -> 1 targets]", line.toString());
    }

    @Test
    void equalSeedsGiveEqualDataAndBadArgumentsAreRefused() {
        assertArrayEquals(Synthetic.crumpledPapers(50, 0.03, rng(9)).features().toArray(),
                Synthetic.crumpledPapers(50, 0.03, rng(9)).features().toArray(), 0.0);
        assertEquals(Synthetic.twoMoons(50, 0.1, rng(9)).labels(),
                Synthetic.twoMoons(50, 0.1, rng(9)).labels());
        assertTrue(!Synthetic.spirals(50, 0.1, rng(9)).labels()
                .equals(Synthetic.spirals(50, 0.1, rng(10)).labels()), "samples are shuffled");
        String noise = assertThrows(IllegalArgumentException.class,
                () -> Synthetic.twoMoons(10, -1, rng(0))).getMessage();
        assertTrue(noise.contains("-1.0"), noise);
        assertThrows(IllegalArgumentException.class, () -> Synthetic.spirals(1, 0, rng(0)));
        assertThrows(IllegalArgumentException.class,
                () -> Synthetic.blobs(2, Tensor.zeros(3, 2), 1, rng(0)));
        assertThrows(IllegalArgumentException.class,
                () -> Synthetic.line(5, Double.NaN, 0, 0, rng(0)));
    }

    @Test
    void crumpledSheetsStayApartBeforeNoise() {
        // Without noise the two sheets never meet: every red point is farther than 0.1 from
        // every blue point (the construction keeps the gap of 0.3 locally; twist and bend
        // shrink it by less than a half on the unit square).
        Dataset sheets = Synthetic.crumpledPapers(600, 0, rng(5));
        double[] p = sheets.features().toArray();
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 600; i++) {
            for (int j = 0; j < 600; j++) {
                if (sheets.labels().get(i) == 0 && sheets.labels().get(j) == 1) {
                    double dx = p[3 * i] - p[3 * j];
                    double dy = p[3 * i + 1] - p[3 * j + 1];
                    double dz = p[3 * i + 2] - p[3 * j + 2];
                    closest = Math.min(closest, Math.sqrt(dx * dx + dy * dy + dz * dz));
                }
            }
        }
        assertTrue(closest > 0.1, "closest red-blue distance " + closest);
    }

    @Test
    void crumpledSheetsDefeatALinearModelButNotASmallMlp() {
        // 1000 samples to train on, 1000 held out; features standardised on the training part.
        Dataset train = Synthetic.crumpledPapers(1000, 0.03, rng(0));
        Dataset test = Synthetic.crumpledPapers(1000, 0.03, rng(1));
        ZScore scaler = ZScore.fit(train);
        Tensor x = scaler.apply(train.features());
        Tensor xTest = scaler.apply(test.features());
        Tensor targets = train.oneHotLabels();

        // Logistic regression (softmax of a linear map): 4 x 2 parameters, 200 Adam steps
        // (its accuracy has settled by 100: 0.556 / 0.532 with these seeds).
        int[] linear = {3, 2};
        Tensor linearWeights = train(linear, x, targets, 200, 0.05, rng(7));
        double linearTrain = accuracy(linear, linearWeights, x, train);
        double linearTest = accuracy(linear, linearWeights, xTest, test);
        assertTrue(linearTrain < 0.7 && linearTest < 0.7,
                "linear accuracy " + linearTrain + " / " + linearTest);

        // A 3-16-16-2 tanh MLP, 200 Adam steps (0.997 / 0.981 with these seeds).
        int[] mlp = {3, 16, 16, 2};
        Tensor mlpWeights = train(mlp, x, targets, 200, 0.02, rng(7));
        double mlpTrain = accuracy(mlp, mlpWeights, x, train);
        double mlpTest = accuracy(mlp, mlpWeights, xTest, test);
        assertTrue(mlpTrain > 0.97 && mlpTest > 0.95, "mlp accuracy " + mlpTrain + " / " + mlpTest);
    }

    /** Full-batch Adam (Kingma and Ba, 2015) on the mean softmax cross-entropy. */
    private static Tensor train(int[] sizes, Tensor x, Tensor targets, int steps,
            double learningRate, SplittableRandom rng) {
        int count = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            count += (sizes[l] + 1) * sizes[l + 1];
        }
        double[] init = new double[count];
        for (int l = 0, at = 0; l + 1 < sizes.length; l++) {
            double scale = Math.sqrt(1.0 / sizes[l]);
            for (int i = 0; i < sizes[l] * sizes[l + 1]; i++) {
                init[at++] = scale * rng.nextGaussian();
            }
            at += sizes[l + 1];
        }
        Tensor theta = Tensor.of(init);
        Function<Tensor, Tensor> loss = t -> forward(sizes, t, x).logSoftmax(1).mul(targets)
                .sum().div(-x.shape().dim(0));
        Tensor m = theta.zerosLike();
        Tensor v = theta.zerosLike();
        for (int step = 1; step <= steps; step++) {
            Tensor g = Autodiff.grad(loss, theta);
            m = m.mul(0.9).add(g.mul(0.1));
            v = v.mul(0.999).add(g.square().mul(0.001));
            Tensor mHat = m.div(1 - Math.pow(0.9, step));
            Tensor vHat = v.div(1 - Math.pow(0.999, step));
            theta = theta.sub(mHat.div(vHat.sqrt().add(1e-8)).mul(learningRate));
        }
        return theta;
    }

    private static Tensor forward(int[] sizes, Tensor theta, Tensor x) {
        Tensor h = x;
        for (int l = 0, at = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            Tensor w = theta.slice(0, at, at + in * out, 1).reshape(in, out);
            at += in * out;
            Tensor b = theta.slice(0, at, at + out, 1);
            at += out;
            h = h.matmul(w).add(b);
            if (l + 2 < sizes.length) {
                h = h.tanh();
            }
        }
        return h;
    }

    private static double accuracy(int[] sizes, Tensor theta, Tensor x, Dataset data) {
        int[] predicted = forward(sizes, theta, x).argmax(1).toIntArray();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == data.labels().get(i) ? 1 : 0;
        }
        return (double) right / predicted.length;
    }
}
