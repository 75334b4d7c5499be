package jgrad.core;

import java.util.function.Function;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Grad of grad through the network operations: {@code x -> Autodiff.grad(f, x)} against central
 * differences, so that the rules of {@link Unfold} and {@link Fold} (each other's vjp) are
 * themselves differentiated. Squared outputs keep the second derivative non-zero.
 */
@PropertyDefaults(tries = 50, edgeCases = EdgeCasesMode.NONE)
class NetworkSecondOrderGradientTest {

    private final NetworkGradientTest cases = new NetworkGradientTest();

    /** With respect to the input: the gradient is a fold of a product, its vjp an unfold. */
    @Property
    @Covers({Unfold.class, Fold.class, MatMul.class, Reshape.class})
    void gradOfSquaredConv2dWithRespectToTheInputMatchesCentralDifference(
            @ForAll("conv2dCases") NetworkGradientTest.ConvCase c) {
        checkGradOfGrad(t -> t.conv2d(c.weight(), c.options()).square().sum(), c.x());
    }

    @Property
    @Covers({Unfold.class, Fold.class, MatMul.class})
    void gradOfSquaredConv2dWithRespectToTheWeightMatchesCentralDifference(
            @ForAll("conv2dCases") NetworkGradientTest.ConvCase c) {
        checkGradOfGrad(w -> c.x().conv2d(w, c.options()).square().sum(), c.weight());
    }

    @Property
    @Covers({Fold.class, Unfold.class, MatMul.class})
    void gradOfSquaredConvTranspose2dMatchesCentralDifference(
            @ForAll("convTranspose2dCases") NetworkGradientTest.TransposeCase c) {
        checkGradOfGrad(t -> t.convTranspose2d(c.weight(), c.options()).square().sum(), c.x());
    }

    @Property
    @Covers({Unfold.class, Fold.class, ReduceMax.class})
    void gradOfSquaredMaxPool2dMatchesCentralDifference(
            @ForAll("maxPool2dCases") NetworkGradientTest.PoolCase<MaxPoolOptions> c) {
        checkGradOfGrad(t -> t.maxPool2d(c.options()).square().sum(), c.x());
    }

    @Property
    @Covers({Unfold.class, Fold.class, ReduceSum.class, Div.class})
    void gradOfSquaredAvgPool2dMatchesCentralDifference(
            @ForAll("avgPool2dCases") NetworkGradientTest.PoolCase<AvgPoolOptions> c) {
        checkGradOfGrad(t -> t.avgPool2d(c.options()).square().sum(), c.x());
    }

    private static void checkGradOfGrad(Function<Tensor, Tensor> f, Tensor x) {
        GradCheck.assertVjpMatches(y -> Autodiff.grad(f, y), x, Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<NetworkGradientTest.ConvCase> conv2dCases() {
        return cases.conv2dCases();
    }

    @Provide
    Arbitrary<NetworkGradientTest.TransposeCase> convTranspose2dCases() {
        return cases.convTranspose2dCases();
    }

    @Provide
    Arbitrary<NetworkGradientTest.PoolCase<MaxPoolOptions>> maxPool2dCases() {
        return cases.maxPool2dCases();
    }

    @Provide
    Arbitrary<NetworkGradientTest.PoolCase<AvgPoolOptions>> avgPool2dCases() {
        return cases.avgPool2dCases();
    }
}
