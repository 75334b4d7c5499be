package jgrad.nn;

import com.google.common.collect.ImmutableMap;
import java.util.SplittableRandom;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The vjp of every layer added beside {@link Linear} (normalisation, dropout, embedding,
 * activations with settings, shape layers, residual blocks, and a model with state) against
 * float64 central differences, with respect to the input and the parameters together. Values in
 * [-3, 3], dimensions 1 to 4 from a seeded generator. Normalisations assume a variance of at
 * least 0.05 in every normalised group: near a zero variance, {@code 1 / sqrt(var + eps)} bends
 * too sharply for a central difference with step {@code 1e-5} (the layers themselves are fine
 * there, see N04 (iii)).
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class LayersGradientTest {

    private static final double MIN_VARIANCE = 0.05;

    @Property
    void batchNorm1dTrainingVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 2, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 3) int channels,
            @ForAll @IntRange(min = 0, max = 3) int length,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = length == 0 ? TestTensors.uniform(rng, -3, 3, batch, channels)
                : TestTensors.uniform(rng, -3, 3, batch, channels, length);
        BatchNorm1d norm = new BatchNorm1d(TestTensors.uniform(rng, -3, 3, channels),
                TestTensors.uniform(rng, -3, 3, channels), TestTensors.uniform(rng, -1, 1,
                channels), TestTensors.uniform(rng, 0.5, 2, channels), 1e-5, 0.1);
        Assume.that(minVariance(x, Normalization.allAxesBut(x.rank(), 1)) >= MIN_VARIANCE);
        Mode training = Mode.training(rng);
        GradCheck.assertVjpMatches(p -> norm.withParams(p.scope("layer"))
                .forward(p.get("x"), training).output(), withInput(norm, x), Tolerance.FLOAT64);
    }

    @Property
    void batchNorm1dEvaluationVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int channels,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, channels);
        BatchNorm1d norm = new BatchNorm1d(TestTensors.uniform(rng, -3, 3, channels),
                TestTensors.uniform(rng, -3, 3, channels), TestTensors.uniform(rng, -1, 1,
                channels), TestTensors.uniform(rng, 0.5, 2, channels), 1e-5, 0.1);
        GradCheck.assertVjpMatches(p -> norm.withParams(p.scope("layer")).apply(p.get("x")),
                withInput(norm, x), Tolerance.FLOAT64);
    }

    @Property
    void batchNorm2dTrainingVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll @IntRange(min = 1, max = 3) int channels,
            @ForAll @IntRange(min = 1, max = 3) int height,
            @ForAll @IntRange(min = 1, max = 3) int width,
            @ForAll long seed) {
        Assume.that(batch * height * width > 1);
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, channels, height, width);
        BatchNorm2d norm = new BatchNorm2d(TestTensors.uniform(rng, -3, 3, channels),
                TestTensors.uniform(rng, -3, 3, channels), Tensor.zeros(channels),
                Tensor.ones(channels), 1e-5, 0.1);
        Assume.that(minVariance(x, new int[] {0, 2, 3}) >= MIN_VARIANCE);
        Mode training = Mode.training(rng);
        GradCheck.assertVjpMatches(p -> norm.withParams(p.scope("layer"))
                .forward(p.get("x"), training).output(), withInput(norm, x), Tolerance.FLOAT64);
    }

    @Property
    void layerNormVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll @IntRange(min = 1, max = 2) int normalizedAxes,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, rows, columns);
        int[] normalizedShape = normalizedAxes == 1 ? new int[] {columns}
                : new int[] {rows, columns};
        LayerNorm norm = new LayerNorm(TestTensors.uniform(rng, -3, 3, normalizedShape),
                TestTensors.uniform(rng, -3, 3, normalizedShape), 1e-5);
        int[] axes = normalizedAxes == 1 ? new int[] {2} : new int[] {1, 2};
        Assume.that(Shape.of(normalizedShape).size() == 1
                || minVariance(x, axes) >= MIN_VARIANCE);
        GradCheck.assertVjpMatches(p -> norm.withParams(p.scope("layer")).apply(p.get("x")),
                withInput(norm, x), Tolerance.FLOAT64);
    }

    @Property
    void groupNormVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll @IntRange(min = 1, max = 3) int groups,
            @ForAll @IntRange(min = 1, max = 2) int channelsPerGroup,
            @ForAll @IntRange(min = 0, max = 3) int length,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int channels = groups * channelsPerGroup;
        Tensor x = length == 0 ? TestTensors.uniform(rng, -3, 3, batch, channels)
                : TestTensors.uniform(rng, -3, 3, batch, channels, length);
        GroupNorm norm = new GroupNorm(groups, TestTensors.uniform(rng, -3, 3, channels),
                TestTensors.uniform(rng, -3, 3, channels), 1e-5);
        int groupSize = channelsPerGroup * Math.max(length, 1);
        Assume.that(groupSize == 1 || minVariance(x.reshape(batch, groups, groupSize),
                new int[] {2}) >= MIN_VARIANCE);
        GradCheck.assertVjpMatches(p -> norm.withParams(p.scope("layer")).apply(p.get("x")),
                withInput(norm, x), Tolerance.FLOAT64);
    }

    @Property
    void embeddingVjpWithRespectToTheTableMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int numEmbeddings,
            @ForAll @IntRange(min = 1, max = 4) int dim,
            @ForAll @IntRange(min = 1, max = 6) int count,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Embedding embedding = new Embedding(TestTensors.uniform(rng, -3, 3, numEmbeddings, dim));
        long[] indices = new long[count];
        for (int i = 0; i < count; i++) {
            indices[i] = rng.nextInt(numEmbeddings);
        }
        Tensor x = Tensor.ofLongs(indices, count);
        GradCheck.assertVjpMatches(p -> embedding.withParams(p).apply(x), embedding.params(),
                Tolerance.FLOAT64);
    }

    @Property
    void dropoutTrainingVjpMatchesCentralDifference(
            @ForAll @DoubleRange(min = 0, max = 1) double p,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int width,
            @ForAll long seed) {
        Dropout dropout = new Dropout(p);
        Tensor x = TestTensors.uniform(new SplittableRandom(seed), -3, 3, batch, width);
        // A fresh generator of the same seed per evaluation: the same mask every time.
        GradCheck.assertVjpMatches(t -> dropout.forward(t,
                Mode.training(new SplittableRandom(seed + 1))).output(), x, Tolerance.FLOAT64);
    }

    @Property
    void activationsWithSettingsVjpsMatchCentralDifference(
            @ForAll @DoubleRange(min = -2, max = 2) double setting,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int width,
            @ForAll long seed) {
        Tensor x = TestTensors.awayFromZero(new SplittableRandom(seed), 1e-3, 3, batch, width);
        GradCheck.assertVjpMatches(new LeakyRelu(setting)::apply, x, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(new Elu(setting)::apply, x, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(new Softmax(0)::apply, x, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(new Softmax(-1)::apply, x, Tolerance.FLOAT64);
    }

    @Property
    void shapeLayersVjpsMatchCentralDifference(
            @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll @IntRange(min = 1, max = 3) int channels,
            @ForAll @IntRange(min = 1, max = 3) int height,
            @ForAll @IntRange(min = 1, max = 3) int width,
            @ForAll long seed) {
        Tensor x = TestTensors.uniform(new SplittableRandom(seed), -3, 3, batch, channels,
                height, width);
        // Through a nonlinearity so that a wrong element order would show.
        GradCheck.assertVjpMatches(t -> new Flatten().apply(t).tanh(), x, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(t -> Unflatten.of(1, channels, height * width)
                .apply(new Flatten().apply(t)).square(), x, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(t -> new Identity().apply(t).exp(), x, Tolerance.FLOAT64);
    }

    @Property
    void residualVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int in,
            @ForAll @IntRange(min = 1, max = 4) int out,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Sequential body = Sequential.of(randomLinear(rng, in, out), Activation.TANH,
                randomLinear(rng, out, out));
        Residual block = in == out ? Residual.of(body)
                : Residual.of(body, randomLinear(rng, in, out));
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, in);
        GradCheck.assertVjpMatches(p -> block.withParams(p.scope("layer")).apply(p.get("x")),
                withInput(block, x), Tolerance.FLOAT64);
    }

    @Property
    void modelWithBatchNormAndDropoutInTrainingVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 2, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 3) int in,
            @ForAll @IntRange(min = 1, max = 3) int hidden,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Linear first = randomLinear(rng, in, hidden);
        Sequential model = Sequential.of(first, BatchNorm1d.init(hidden), Activation.TANH,
                new Dropout(0.4), randomLinear(rng, hidden, 2));
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, in);
        Assume.that(minVariance(first.apply(x), new int[] {0}) >= MIN_VARIANCE);
        GradCheck.assertVjpMatches(p -> model.withParams(p)
                        .forward(x, Mode.training(new SplittableRandom(seed))).output(),
                model.params(), Tolerance.FLOAT64);
    }

    /** The layer's parameters under {@code "layer."} and the input as {@code "x"}. */
    private static Params withInput(Layer layer, Tensor x) {
        return Params.concat(ImmutableMap.of("layer", layer.params(), "", Params.of("x", x)));
    }

    /** The smallest biased variance of {@code x} over {@code axes}, among all groups. */
    static double minVariance(Tensor x, int[] axes) {
        Tensor centered = x.sub(x.mean(axes, true));
        double min = Double.POSITIVE_INFINITY;
        for (double value : centered.square().mean(axes, true).toArray()) {
            min = Math.min(min, value);
        }
        return min;
    }

    private static Linear randomLinear(SplittableRandom rng, int in, int out) {
        return new Linear(TestTensors.uniform(rng, -3, 3, out, in),
                TestTensors.uniform(rng, -3, 3, out));
    }
}
