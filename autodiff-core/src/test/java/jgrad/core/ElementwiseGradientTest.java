package jgrad.core;

import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/** Gradients of the elementwise unary primitives and composites against central differences. */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class ElementwiseGradientTest {

    @Property
    @Covers(Neg.class)
    void negVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::neg, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Recip.class)
    void recipVjpMatchesCentralDifference(@ForAll("positive") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::recip, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Recip.class, Neg.class})
    void recipOfNegativeValuesVjpMatchesCentralDifference(@ForAll("positive") Tensor x) {
        GradCheck.assertVjpMatches(t -> t.neg().recip(), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Exp.class)
    void expVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::exp, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Log.class)
    void logVjpMatchesCentralDifference(@ForAll("positive") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::log, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Log1p.class)
    void log1pVjpMatchesCentralDifference(@ForAll("aboveMinusOne") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::log1p, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Sqrt.class)
    void sqrtVjpMatchesCentralDifference(@ForAll("positive") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::sqrt, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Tanh.class)
    void tanhVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::tanh, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Sigmoid.class)
    void sigmoidVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::sigmoid, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Sigmoid.class)
    void sigmoidVjpMatchesCentralDifferenceInTheTails(@ForAll("wide") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::sigmoid, x, Tolerance.FLOAT64);
    }

    /** The float64 to float64 path of the Cast primitive ({@code cast} itself skips it). */
    @Property
    @Covers(Cast.class)
    void castVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(
                t -> Tensor.apply(new Cast(DType.FLOAT64), t), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Mul.class)
    void squareVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::square, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Relu.class)
    void reluVjpMatchesCentralDifference(@ForAll("offKinks") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::relu, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Mul.class)
    void absVjpMatchesCentralDifference(@ForAll("offKinks") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::abs, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Where.class, Log1p.class, Exp.class, Add.class, Neg.class})
    void softplusVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::softplus, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Where.class, Log1p.class, Exp.class})
    void softplusVjpMatchesCentralDifferenceInTheTails(@ForAll("wide") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::softplus, x, Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Tensor> moderate() {
        return TensorArbitraries.tensors(0, 3, -3, 3);
    }

    /** The domain of log, sqrt and recip, away from the pole at 0 (STYLE section 7). */
    @Provide
    Arbitrary<Tensor> positive() {
        return TensorArbitraries.tensors(0, 3, 0.1, 5);
    }

    /** {@code 1 + x} in [0.1, 6], as {@link #positive()} for log. */
    @Provide
    Arbitrary<Tensor> aboveMinusOne() {
        return TensorArbitraries.tensors(0, 3, -0.9, 5);
    }

    @Provide
    Arbitrary<Tensor> wide() {
        return TensorArbitraries.offKinks(0, 3, -40, 40);
    }

    @Provide
    Arbitrary<Tensor> offKinks() {
        return TensorArbitraries.offKinks(0, 3, -3, 3);
    }
}
