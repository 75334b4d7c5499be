package jgrad.core;

import java.util.function.Function;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Grad of grad for the elementwise math, the activations and the new reductions: {@code x ->
 * Autodiff.grad(f, x)} against central differences, so that every new vjp rule is differentiated
 * in turn (see {@link SecondOrderGradientTest}). Products and running products are also checked at
 * inputs with exact zeros: their gradients are polynomials, smooth across a zero, so the second
 * derivative there must be right too (where a rule that returns a constant 0 after the first zero
 * of a slice would lose it).
 */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class MathSecondOrderGradientTest {

    @Property
    @Covers({Sin.class, Cos.class, Div.class})
    void gradOfTrigonometricChainMatchesCentralDifference(@ForAll("belowPoles") Tensor x) {
        checkGradOfGrad(t -> t.sin().mul(t.cos().square()).add(t.tan()).sum(), x);
    }

    @Property
    @Covers({Asin.class, Acos.class, Atan2.class})
    void gradOfInverseTrigonometricChainMatchesCentralDifference(
            @ForAll("insideUnit") Tensor x) {
        checkGradOfGrad(t -> t.asin().mul(t).add(t.acos().square()).add(t.atan().mul(3.0))
                .sum(), x);
    }

    /** Both operands of atan2 traced: the point {@code (x / 2 + 2, x)} stays off the origin. */
    @Property
    @Covers({Atan2.class, Mul.class})
    void gradOfAtan2OfTwoTracedOperandsMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        checkGradOfGrad(t -> t.atan2(t.mul(0.5).add(2.0)).mul(t).sum(), x);
    }

    @Property
    @Covers({Sinh.class, Cosh.class, Expm1.class})
    void gradOfHyperbolicChainMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        checkGradOfGrad(t -> t.sinh().mul(t.cosh()).add(t.expm1().mul(t)).sum(), x);
    }

    @Property
    @Covers({Erf.class, Erfc.class, Sigmoid.class})
    void gradOfErrorFunctionsAndGelusMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        checkGradOfGrad(t -> t.erf().mul(t).add(t.erfc().square()).add(t.gelu())
                .add(t.geluTanh()).add(t.silu()).sum(), x);
    }

    /**
     * The rules of maximum and minimum are selections by masks of their inputs, linear in the
     * cotangent, so a gradient that depends on them must still flow (weighted by {@code x^2} and
     * {@code e^x}). Partners are 0, and {@code |x| >= 1e-3} keeps off ties.
     */
    @Property
    @Covers({Maximum.class, Minimum.class})
    void gradOfMaximumAndMinimumMatchesCentralDifference(@ForAll("offKinks") Tensor x) {
        Tensor zero = x.zerosLike();
        checkGradOfGrad(t -> t.maximum(zero).mul(t.square())
                .add(zero.minimum(t).mul(t.exp())).add(zero.maximum(t.neg()).mul(t)).sum(), x);
    }

    @Property
    @Covers({ReduceMin.class, Reshape.class, BroadcastTo.class})
    void gradOfSquaredMinMatchesCentralDifference(@ForAll("distinct") Tensor x) {
        checkGradOfGrad(t -> t.min(-1, false).square().sum().add(t.min().mul(t.sum())), x);
    }

    @Property
    @Covers({ReduceProd.class, Div.class})
    void gradOfProductsMatchesCentralDifference(@ForAll("moderate") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits) {
        int[] axes = ReductionGradientTest.axesFromBits(axisBits, x.rank());
        checkGradOfGrad(t -> t.prod(axes, false).square().sum().add(t.prod().mul(t.sum())), x);
    }

    @Property
    @Covers({ReduceProd.class, Cumprod.class, Pad.class, Slice.class})
    void gradOfProductsWithZerosMatchesCentralDifference(@ForAll("withZeros") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits) {
        int[] axes = ReductionGradientTest.axesFromBits(axisBits, x.rank());
        checkGradOfGrad(t -> t.prod(axes, false).mul(t.prod(axes, false).add(1.0)).sum(), x);
    }

    @Property
    @Covers({Cumsum.class, Mul.class})
    void gradOfRunningSumsMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        checkGradOfGrad(t -> t.cumsum(axis).square().mul(t).sum(), x);
    }

    @Property
    @Covers({Cumprod.class, Cumsum.class})
    void gradOfRunningProductsMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        checkGradOfGrad(t -> t.cumprod(axis).mul(t.tanh()).sum(), x);
    }

    /** Up to every element zero: the rule's recursion over the zeros of a slice is exercised. */
    @Property
    @Covers({Cumprod.class, Cumsum.class, Where.class})
    void gradOfRunningProductsWithZerosMatchesCentralDifference(
            @ForAll("withZerosNonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        Tensor weights = Tensor.arange(x.size()).reshape(x.shape()).mul(0.25).add(0.5);
        checkGradOfGrad(t -> t.cumprod(axis).mul(weights).sum().add(t.cumprod(axis).square()
                .sum()), x);
    }

    @Property
    @Covers({ReduceSum.class, Sqrt.class, Where.class})
    void gradOfVarianceStdAndLogSumExpMatchesCentralDifference(@ForAll("distinct") Tensor x) {
        int[] last = {x.rank() - 1};
        checkGradOfGrad(t -> t.var(last, 0, false).sum().add(t.std().mul(t.sum()))
                .add(t.logSumExp(ReductionOps.allAxes(t.shape()), false)), x);
    }

    /**
     * Off zero elements: the second derivative of {@code |x|^3} is {@code 6 |x|}, whose kink at
     * 0 a central difference of the gradient straddles (it gives {@code h}, not 0).
     */
    @Property
    @Covers({Pow.class, ReduceSum.class, Where.class, Div.class})
    void gradOfPNormsMatchesCentralDifference(@ForAll("offKinks") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits) {
        int[] axes = ReductionGradientTest.axesFromBits(axisBits, x.rank());
        checkGradOfGrad(t -> t.norm(3, axes, false).sum().add(t.norm(2.5).square()), x);
    }

    private static void checkGradOfGrad(Function<Tensor, Tensor> f, Tensor x) {
        GradCheck.assertVjpMatches(y -> Autodiff.grad(f, y), x, Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Tensor> moderate() {
        return TensorArbitraries.tensors(0, 3, -2, 2);
    }

    @Provide
    Arbitrary<Tensor> nonScalar() {
        return TensorArbitraries.tensors(1, 3, -2, 2);
    }

    @Provide
    Arbitrary<Tensor> belowPoles() {
        return TensorArbitraries.tensors(0, 3, -1.2, 1.2);
    }

    @Provide
    Arbitrary<Tensor> insideUnit() {
        return TensorArbitraries.tensors(0, 3, -0.8, 0.8);
    }

    @Provide
    Arbitrary<Tensor> offKinks() {
        return TensorArbitraries.offKinks(0, 3, -2, 2);
    }

    @Provide
    Arbitrary<Tensor> distinct() {
        return TensorArbitraries.distinct(1, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> withZeros() {
        return ReductionOpsGradientTest.withZeros(0);
    }

    @Provide
    Arbitrary<Tensor> withZerosNonScalar() {
        return ReductionOpsGradientTest.withZeros(1);
    }
}
