package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.random.RandomGenerator;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Synthetic data sets for trying models, every draw taken from an explicit {@link
 * RandomGenerator}: equal seeds give equal data. Classification sets are returned with their
 * samples in a random order (as scikit-learn's {@code shuffle=True}); class {@code 0} has {@code
 * floor(n / 2)} samples of two-class sets. Noise is Gaussian with the stated standard deviation,
 * added to every coordinate. Features are float64.
 *
 * <pre>{@code
 * jshell> Synthetic.twoMoons(200, 0.1, new SplittableRandom(0))
 * $1 ==> Dataset[200 samples x 2 features, 2 classes [upper, lower]]
 * jshell> Synthetic.crumpledPapers(1000, 0.03, new SplittableRandom(0))
 * $2 ==> Dataset[1000 samples x 3 features, 2 classes [red, blue]]
 * }</pre>
 */
public final class Synthetic {

    /** The crumpled sheets' fold height: each sheet's height varies by ±{@value}. */
    public static final double CRUMPLE_AMPLITUDE = 0.5;
    /** The distance between the two crumpled sheets before crumpling. */
    public static final double CRUMPLE_GAP = 0.3;
    /** The twist of the crumpled sheets, in radians per unit along the second coordinate. */
    public static final double CRUMPLE_TWIST = 1.5;
    /** The bend of the crumpled sheets, in radians per unit along the first coordinate. */
    public static final double CRUMPLE_BEND = 1.0;

    private Synthetic() {}

    /**
     * Two interleaving half circles (scikit-learn's {@code make_moons}): class {@code upper} on
     * {@code (cos t, sin t)}, class {@code lower} on {@code (1 - cos t, 1/2 - sin t)}, for {@code
     * t} evenly spaced in {@code [0, pi]}, plus noise. Not linearly separable. Shapes: {@code
     * features [n, 2]}.
     *
     * @throws IllegalArgumentException if {@code n < 2} or {@code noise < 0}
     */
    public static Dataset twoMoons(int n, double noise, RandomGenerator rng) {
        check(n, 2, noise, rng);
        int upper = n / 2;
        double[] points = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            boolean first = i < upper;
            int count = first ? upper : n - upper;
            int k = first ? i : i - upper;
            double t = count == 1 ? 0 : Math.PI * k / (count - 1);
            points[2 * i] = first ? Math.cos(t) : 1 - Math.cos(t);
            points[2 * i + 1] = first ? Math.sin(t) : 0.5 - Math.sin(t);
            labels[i] = first ? 0 : 1;
        }
        return finish(points, labels, 2, noise, ImmutableList.of("upper", "lower"), rng);
    }

    /**
     * Two concentric circles (scikit-learn's {@code make_circles}): class {@code outer} on the
     * unit circle, class {@code inner} on the circle of radius {@code factor}, each at evenly
     * spaced angles in {@code [0, 2 pi)}, plus noise. Shapes: {@code features [n, 2]}.
     *
     * @param factor the inner radius over the outer, in {@code (0, 1)}
     * @throws IllegalArgumentException if {@code n < 2}, {@code noise < 0} or {@code factor} is
     *     outside {@code (0, 1)}
     */
    public static Dataset circles(int n, double noise, double factor, RandomGenerator rng) {
        check(n, 2, noise, rng);
        checkArgument(factor > 0 && factor < 1, "circles: factor must be in (0, 1), got %s",
                factor);
        int outer = n / 2;
        double[] points = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            boolean first = i < outer;
            int count = first ? outer : n - outer;
            int k = first ? i : i - outer;
            double angle = 2 * Math.PI * k / count;
            double radius = first ? 1 : factor;
            points[2 * i] = radius * Math.cos(angle);
            points[2 * i + 1] = radius * Math.sin(angle);
            labels[i] = first ? 0 : 1;
        }
        return finish(points, labels, 2, noise, ImmutableList.of("outer", "inner"), rng);
    }

    /**
     * Two interleaved spirals of two turns each: class {@code c} at {@code r (cos theta, sin
     * theta)} with {@code r = t} and {@code theta = 4 pi t + c pi}, for {@code t} evenly spaced in
     * {@code (0, 1]}, plus noise. A classic that small networks find hard. Shapes: {@code features
     * [n, 2]}.
     *
     * @throws IllegalArgumentException if {@code n < 2} or {@code noise < 0}
     */
    public static Dataset spirals(int n, double noise, RandomGenerator rng) {
        check(n, 2, noise, rng);
        int first = n / 2;
        double[] points = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i < first ? 0 : 1;
            int count = c == 0 ? first : n - first;
            int k = c == 0 ? i : i - first;
            double t = (k + 1.0) / count;
            double theta = 4 * Math.PI * t + c * Math.PI;
            points[2 * i] = t * Math.cos(theta);
            points[2 * i + 1] = t * Math.sin(theta);
            labels[i] = c;
        }
        return finish(points, labels, 2, noise, ImmutableList.of("0", "1"), rng);
    }

    /**
     * Gaussian blobs around {@code numCenters} centres drawn uniformly in the box {@code [-10,
     * 10)^numFeatures} (scikit-learn's {@code make_blobs} default box), {@code n / numCenters}
     * samples each (the first {@code n % numCenters} centres one more), with standard deviation
     * {@code std}. Classes {@code "0"}, {@code "1"}, ... Shapes: {@code features [n,
     * numFeatures]}.
     *
     * @throws IllegalArgumentException if {@code n < numCenters}, {@code numCenters < 1}, {@code
     *     numFeatures < 1} or {@code std < 0}
     */
    public static Dataset blobs(int n, int numCenters, int numFeatures, double std,
            RandomGenerator rng) {
        checkArgument(numCenters >= 1 && numFeatures >= 1,
                "blobs: need at least one centre and one feature, got %s and %s",
                numCenters, numFeatures);
        checkNotNull(rng, "rng");
        double[] centers = new double[numCenters * numFeatures];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = -10 + 20 * rng.nextDouble();
        }
        return blobs(n, Tensor.of(centers, numCenters, numFeatures), std, rng);
    }

    /**
     * Gaussian blobs around the given centres, {@code n / k} samples each (the first {@code n % k}
     * centres one more), with standard deviation {@code std}. Shapes: {@code centers [k,
     * numFeatures]} -> {@code features [n, numFeatures]}.
     *
     * @throws IllegalArgumentException if {@code centers} is not 2-D with at least one row, {@code
     *     n < k}, or {@code std < 0}
     */
    public static Dataset blobs(int n, Tensor centers, double std, RandomGenerator rng) {
        checkNotNull(centers, "centers");
        checkArgument(centers.rank() == 2 && centers.shape().dim(0) >= 1,
                "blobs: centers must be [k, numFeatures] with k >= 1, got %s", centers.shape());
        int k = centers.shape().dim(0);
        int d = centers.shape().dim(1);
        check(n, k, std, rng);
        double[] center = centers.toArray();
        double[] points = new double[n * d];
        int[] labels = new int[n];
        ImmutableList.Builder<String> names = ImmutableList.builder();
        for (int c = 0, i = 0; c < k; c++) {
            names.add(Integer.toString(c));
            for (int m = 0; m < n / k + (c < n % k ? 1 : 0); m++, i++) {
                System.arraycopy(center, c * d, points, i * d, d);
                labels[i] = c;
            }
        }
        return finish(points, labels, d, std, names.build(), rng);
    }

    /**
     * A noisy line, {@code y = slope * x + intercept + noise * N(0, 1)}, for {@code x} uniform in
     * {@code [-1, 1)}. Shapes: {@code features [n, 1]}, {@code targets [n, 1]}.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code noise < 0} or a parameter is not
     *     finite
     */
    public static RegressionData line(int n, double slope, double intercept, double noise,
            RandomGenerator rng) {
        check(n, 0, noise, rng);
        checkArgument(Double.isFinite(slope) && Double.isFinite(intercept),
                "line: slope and intercept must be finite, got %s and %s", slope, intercept);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 2 * rng.nextDouble();
            y[i] = slope * x[i] + intercept + noise * rng.nextGaussian();
        }
        return new RegressionData(Tensor.of(x, n, 1), Tensor.of(y, n, 1));
    }

    /**
     * Two crumpled sheets of paper, the tutorial's opening picture: two interleaved noisy 3-D
     * surfaces, one per class ({@code red}, {@code blue}), that a network must pull apart.
     *
     * <p>Construction. Each sample draws a point {@code (u, v)} uniformly on the square {@code
     * [-1, 1)^2} of its sheet. The sheets start parallel, {@code gap = }{@value #CRUMPLE_GAP}
     * apart, and are crumpled together by three smooth maps that keep them apart (each is
     * invertible, so the sheets never touch):
     * <ol>
     *   <li>fold: height {@code w = -+gap / 2 + a sin(pi u) cos(pi v / 2)} with {@code a =
     *       }{@value #CRUMPLE_AMPLITUDE}, red below, blue above;
     *   <li>twist about the {@code v} axis by the angle {@code phi = }{@value #CRUMPLE_TWIST}
     *       {@code v}: {@code x = u cos phi - w sin phi}, {@code z = u sin phi + w cos phi},
     *       {@code y = v};
     *   <li>bend about the {@code x} axis by {@code psi = }{@value #CRUMPLE_BEND}{@code x}: {@code
     *       y' = y cos psi - z sin psi}, {@code z' = y sin psi + z cos psi};
     * </ol>
     * then Gaussian noise of standard deviation {@code noise} is added to {@code (x, y', z')}.
     * With {@code noise} well below {@code gap / 2} (0.03, say) the classes are separable, but
     * the folds are larger than the gap, so every plane cuts both sheets: a linear classifier
     * stays near chance (about 55% on 1000 samples), while a small MLP (3-16-16-2, tanh) reaches
     * over 95% on held-out samples after a few hundred Adam steps. Standardise the features
     * before training. Shapes: {@code features [n, 3]}.
     *
     * @throws IllegalArgumentException if {@code n < 2} or {@code noise < 0}
     */
    public static Dataset crumpledPapers(int n, double noise, RandomGenerator rng) {
        check(n, 2, noise, rng);
        int red = n / 2;
        double[] points = new double[3 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i < red ? 0 : 1;
            double u = -1 + 2 * rng.nextDouble();
            double v = -1 + 2 * rng.nextDouble();
            double w = (c == 0 ? -CRUMPLE_GAP : CRUMPLE_GAP) / 2
                    + CRUMPLE_AMPLITUDE * Math.sin(Math.PI * u) * Math.cos(Math.PI * v / 2);
            double phi = CRUMPLE_TWIST * v;
            double x = u * Math.cos(phi) - w * Math.sin(phi);
            double z = u * Math.sin(phi) + w * Math.cos(phi);
            double psi = CRUMPLE_BEND * x;
            points[3 * i] = x;
            points[3 * i + 1] = v * Math.cos(psi) - z * Math.sin(psi);
            points[3 * i + 2] = v * Math.sin(psi) + z * Math.cos(psi);
            labels[i] = c;
        }
        return finish(points, labels, 3, noise, ImmutableList.of("red", "blue"), rng);
    }

    /** Adds the noise, then puts the samples in a random order. */
    private static Dataset finish(double[] points, int[] labels, int width, double noise,
            ImmutableList<String> classNames, RandomGenerator rng) {
        int n = labels.length;
        if (noise > 0) {
            for (int i = 0; i < points.length; i++) {
                points[i] += noise * rng.nextGaussian();
            }
        }
        Dataset ordered = new Dataset(Tensor.of(points, Shape.of(n, width), DType.FLOAT64),
                ImmutableIntArray.copyOf(labels), classNames);
        return ordered.subset(Batches.permutation(n, rng));
    }

    private static void check(int n, int minimum, double noise, RandomGenerator rng) {
        checkArgument(n >= minimum, "synthetic: need n >= %s samples, got %s", minimum, n);
        checkArgument(noise >= 0 && Double.isFinite(noise),
                "synthetic: noise must be a finite standard deviation >= 0, got %s", noise);
        checkNotNull(rng, "rng");
    }
}
