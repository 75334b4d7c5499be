package jgrad.nn;

import com.google.common.collect.ImmutableMap;
import java.util.SplittableRandom;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.core.AvgPoolOptions;
import jgrad.core.ConvOptions;
import jgrad.core.MaxPoolOptions;
import jgrad.core.Params;
import jgrad.core.Tensor;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

/**
 * The vjp of the convolution and pooling layers against float64 central differences, with
 * respect to the input and the parameters together. Values in [-3, 3] from a seeded generator;
 * max pooling draws distinct values (no near-ties, where the maximum's gradient jumps).
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class ConvolutionGradientTest {

    @Property
    void conv2dVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 2) int batch,
            @ForAll @IntRange(min = 1, max = 2) int groups,
            @ForAll @IntRange(min = 1, max = 2) int channelsPerGroup,
            @ForAll @IntRange(min = 1, max = 3) int kernel,
            @ForAll @IntRange(min = 1, max = 2) int stride,
            @ForAll @IntRange(min = 0, max = 1) int padding,
            @ForAll @IntRange(min = 3, max = 5) int size,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int channels = groups * channelsPerGroup;
        ConvOptions options = ConvOptions.defaults().withStride(stride).withPadding(padding)
                .withGroups(groups);
        Conv2d conv = new Conv2d(TestTensors.uniform(rng, -3, 3, groups * 2, channelsPerGroup,
                kernel, kernel), TestTensors.uniform(rng, -3, 3, groups * 2), options);
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, channels, size, size + 1);
        GradCheck.assertVjpMatches(p -> conv.withParams(p.scope("layer")).apply(p.get("x")),
                withInput(conv, x), Tolerance.FLOAT64);
    }

    @Property
    void conv1dVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 2) int batch,
            @ForAll @IntRange(min = 1, max = 3) int in,
            @ForAll @IntRange(min = 1, max = 3) int out,
            @ForAll @IntRange(min = 1, max = 3) int kernel,
            @ForAll @IntRange(min = 1, max = 2) int dilation,
            @ForAll @IntRange(min = 0, max = 2) int padding,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Conv1d conv = new Conv1d(TestTensors.uniform(rng, -3, 3, out, in, kernel),
                TestTensors.uniform(rng, -3, 3, out), ConvOptions.defaults()
                .withDilation(dilation).withPadding(padding));
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, in, 7);
        GradCheck.assertVjpMatches(p -> conv.withParams(p.scope("layer")).apply(p.get("x")),
                withInput(conv, x), Tolerance.FLOAT64);
    }

    @Property
    void poolingVjpsMatchCentralDifference(
            @ForAll @IntRange(min = 1, max = 2) int batch,
            @ForAll @IntRange(min = 1, max = 2) int channels,
            @ForAll @IntRange(min = 2, max = 3) int kernel,
            @ForAll @IntRange(min = 1, max = 2) int stride,
            @ForAll @IntRange(min = 4, max = 6) int size,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = distinct(rng, batch, channels, size, size + 1);
        GradCheck.assertVjpMatches(new MaxPool2d(MaxPoolOptions.of(kernel).withStride(stride)
                .withPadding(kernel / 2))::apply, x, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(new AvgPool2d(AvgPoolOptions.of(kernel).withStride(stride)
                .withPadding(kernel / 2))::apply, x, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(new AdaptiveAvgPool2d(kernel, stride + 1)::apply, x,
                Tolerance.FLOAT64);
    }

    /** Values in [-3, 3] at least 0.01 apart: a random permutation of a spaced grid. */
    private static Tensor distinct(SplittableRandom rng, int... shape) {
        int n = 1;
        for (int dim : shape) {
            n *= dim;
        }
        Assume.that(n <= 600);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = -3 + 6.0 * i / Math.max(n - 1, 1);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return Tensor.of(values, shape);
    }

    private static Params withInput(Layer layer, Tensor x) {
        return Params.concat(ImmutableMap.of("layer", layer.params(), "", Params.of("x", x)));
    }
}
