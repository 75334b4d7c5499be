package jgrad.nn;

import java.util.SplittableRandom;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.core.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every layer's vjp against float64 central differences (GradCheck), with respect to its
 * parameters and its input. Tensors are drawn from a seeded generator; dimensions 1 to 4, values
 * in [-3, 3]; relu inputs are kept at least 1e-3 away from its kink.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class LayerGradientTest {

    @Property
    void linearVjpWithRespectToParamsMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int in,
            @ForAll @IntRange(min = 1, max = 4) int out,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Linear layer = randomLinear(rng, in, out);
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, in);
        GradCheck.assertVjpMatches(p -> layer.withParams(p).apply(x), layer.params(),
                Tolerance.FLOAT64);
    }

    @Property
    void linearVjpWithRespectToInputMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int in,
            @ForAll @IntRange(min = 1, max = 4) int out,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Linear layer = randomLinear(rng, in, out);
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, in);
        GradCheck.assertVjpMatches(layer::apply, x, Tolerance.FLOAT64);
    }

    @Property
    void activationVjpsMatchCentralDifference(
            @ForAll Activation activation,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int width,
            @ForAll long seed) {
        Tensor x = TestTensors.awayFromZero(new SplittableRandom(seed), 1e-3, 3, batch, width);
        GradCheck.assertVjpMatches(activation::apply, x, Tolerance.FLOAT64);
    }

    @Property
    void smoothMlpVjpWithRespectToParamsMatchesCentralDifference(
            @ForAll("smooth") Activation activation,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int in,
            @ForAll @IntRange(min = 1, max = 4) int hidden,
            @ForAll @IntRange(min = 1, max = 4) int out,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Sequential model = Sequential.of(randomLinear(rng, in, hidden), activation,
                randomLinear(rng, hidden, out));
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, in);
        GradCheck.assertVjpMatches(p -> model.withParams(p).apply(x), model.params(),
                Tolerance.FLOAT64);
    }

    @Property
    void reluMlpVjpWithRespectToParamsMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int in,
            @ForAll @IntRange(min = 1, max = 4) int hidden,
            @ForAll @IntRange(min = 1, max = 4) int out,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Linear first = randomLinear(rng, in, hidden);
        Sequential model = Sequential.of(first, Activation.RELU, randomLinear(rng, hidden, out),
                Activation.TANH, randomLinear(rng, out, out));
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, in);
        // Off the kink: a step h <= 3e-5 in any parameter moves a pre-activation by far less.
        Assume.that(TestTensors.minAbs(first.apply(x)) >= 1e-3);
        GradCheck.assertVjpMatches(p -> model.withParams(p).apply(x), model.params(),
                Tolerance.FLOAT64);
    }

    @Property
    void mlpVjpWithRespectToInputMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Sequential model = Mlp.init(rng, Activation.TANH, 3, 4, 2);
        Tensor x = TestTensors.uniform(rng, -3, 3, batch, 3);
        GradCheck.assertVjpMatches(model::apply, x, Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Activation> smooth() {
        return Arbitraries.of(Activation.TANH, Activation.SIGMOID);
    }

    /** Weights and biases in [-3, 3], so every parameter is exercised away from zero. */
    private static Linear randomLinear(SplittableRandom rng, int in, int out) {
        return new Linear(TestTensors.uniform(rng, -3, 3, out, in),
                TestTensors.uniform(rng, -3, 3, out));
    }
}
