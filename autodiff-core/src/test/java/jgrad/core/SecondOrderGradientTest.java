package jgrad.core;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
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

/**
 * Grad of grad: {@code x -> Autodiff.grad(f, x)} checked against central differences, so that
 * every vjp rule is itself differentiated (the rules are written with {@code Tensor} operations and
 * recorded by the outer level). Together the functions here exercise every differentiable
 * primitive; {@code PrimitiveCoverageTest} checks that.
 *
 * <p>Each try differentiates {@code f} twice per element, so these are the slowest properties;
 * 200 tries still take well under a second each.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class SecondOrderGradientTest {

    @Property
    @Covers({Tanh.class, ReduceSum.class})
    void gradOfSumOfTanhMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        checkGradOfGrad(t -> t.tanh().sum(), x);
    }

    @Property
    @Covers({Exp.class, Mul.class, ReduceSum.class})
    void gradOfSumOfExpTimesXMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        checkGradOfGrad(t -> t.exp().mul(t).sum(), x);
    }

    @Property
    @Covers({Div.class, Tanh.class})
    void gradOfQuotientMatchesCentralDifference(@ForAll("positive") Tensor x) {
        checkGradOfGrad(t -> t.tanh().div(t.add(1.0)).add(t.div(t.square().add(0.5))).sum(), x);
    }

    /** Third derivatives of {@code x^3} are constant, so the second derivative is linear. */
    @Property
    @Covers({Pow.class, Mul.class})
    void gradOfSumOfCubesMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        checkGradOfGrad(t -> t.pow(3.0).add(t.mul(t).mul(t)).sum(), x);
    }

    /** The exponent side of pow: {@code b -> sum(a^b)} for a fixed positive base. */
    @Property
    @Covers({Pow.class, Log.class, Where.class})
    void gradOfPowWithRespectToTheExponentMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        Tensor base = x.abs().add(0.5).stopGradient();
        checkGradOfGrad(t -> base.pow(t).mul(t.pow(base)).sum(), x.abs().add(0.1));
    }

    @Property
    @Covers({LogSoftmax.class, Exp.class, Log.class, ReduceSum.class, BroadcastTo.class,
            Reshape.class, Add.class, Neg.class})
    void gradOfSoftmaxCrossTermMatchesCentralDifference(@ForAll("nonScalar") Tensor x) {
        Tensor weights = Tensor.arange(x.size()).reshape(x.shape()).mul(0.3).sub(1.0);
        checkGradOfGrad(t -> t.softmax(-1).mul(weights).sum().add(t.logSumExp(0, false).sum()),
                x);
    }

    @Property
    @Covers({Sigmoid.class, Log1p.class, Recip.class, Sqrt.class, Log.class})
    void gradOfSmoothUnaryChainMatchesCentralDifference(@ForAll("positive") Tensor x) {
        checkGradOfGrad(t -> t.sigmoid().mul(t.log1p()).add(t.recip().sqrt()).add(t.log()).sum(),
                x);
    }

    @Property
    @Covers({Where.class, Exp.class, Mul.class})
    void gradOfSoftplusAndWhereMatchesCentralDifference(@ForAll("offKinks") Tensor x) {
        checkGradOfGrad(t -> t.softplus().add(Tensor.where(t.greater(0.0), t.square(), t.exp()))
                .sum(), x);
    }

    /**
     * Relu's vjp is a selection by a mask of x: linear in the cotangent, so the gradient of a
     * function of relu's gradient (here weighted by x^2) must still flow through it.
     */
    @Property
    @Covers({Relu.class, Where.class})
    void gradOfReluMatchesCentralDifference(@ForAll("offKinks") Tensor x) {
        checkGradOfGrad(t -> t.relu().mul(t).sum(), x);
    }

    /** The second derivative of a max is zero between ties, but its rule must still record. */
    @Property
    @Covers({ReduceMax.class, Reshape.class, BroadcastTo.class})
    void gradOfSquaredMaxMatchesCentralDifference(@ForAll("distinct") Tensor x) {
        checkGradOfGrad(t -> t.max(-1, false).square().sum().add(t.max().mul(t.sum())), x);
    }

    @Property
    @Covers({MatMul.class, Permute.class, Reshape.class, Tanh.class})
    void gradOfMatrixChainMatchesCentralDifference(@ForAll("matrices") Tensor x) {
        checkGradOfGrad(t -> t.transpose().matmul(t).tanh().reshape(-1).sum(), x);
    }

    @Property
    @Covers({BroadcastTo.class, Cast.class, Mul.class, ReduceSum.class})
    void gradThroughBroadcastAndCastMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        int[] dims = new int[x.rank() + 1];
        dims[0] = 2;
        System.arraycopy(x.shape().toArray(), 0, dims, 1, x.rank());
        Shape target = Shape.of(dims);
        checkGradOfGrad(t -> Tensor.apply(new Cast(DType.FLOAT64), t.broadcastTo(target))
                .square().mul(t.tanh()).sum(), x);
    }

    /** Slice's rule is a {@link Pad}, whose rule is a {@link Slice}: both get differentiated. */
    @Property
    @Covers({Slice.class, Pad.class, Tanh.class})
    void gradOfSlicedTanhMatchesCentralDifference(@ForAll("nonScalar") Tensor x) {
        int n = x.shape().dim(x.rank() - 1);
        checkGradOfGrad(t -> t.slice(-1, n / 2, n, 2).tanh().mul(t.slice(-1, 0, n, 1 + n / 3))
                .sum(), x);
    }

    @Property
    @Covers({Pad.class, Slice.class, Tanh.class, Mul.class})
    void gradOfPaddedTanhMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        int rank = x.rank();
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        Pad pad = new Pad(ImmutableIntArray.copyOf(ones), ImmutableIntArray.copyOf(new int[rank]),
                ImmutableIntArray.copyOf(ones));
        checkGradOfGrad(t -> Tensor.apply(pad, t).tanh().mul(Tensor.apply(pad, t.square()))
                .sum(), x);
    }

    /** Overlapping windows: a squared max-pool, so the second derivative is not zero. */
    @Property
    @Covers({Unfold.class, Fold.class, ReduceMax.class})
    void gradOfSquaredMaxPoolMatchesCentralDifference(@ForAll("distinct") Tensor x) {
        int n = x.shape().dim(x.rank() - 1);
        checkGradOfGrad(t -> t.maxPool1d(Math.min(2, n), 1).square().sum(), x);
    }

    /** Third order: the rules of the second pass are themselves differentiated. */
    @Property(tries = 50) // each try runs three nested passes per element; 50 cover the shapes
    @Covers({Pow.class, Tanh.class})
    void gradOfGradOfSumMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        Function<Tensor, Tensor> secondDerivative = y -> Autodiff.grad(
                t -> t.pow(4.0).add(t.tanh()).sum(), y).sum();
        checkGradOfGrad(secondDerivative, x);
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
        return TensorArbitraries.tensors(1, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> positive() {
        return TensorArbitraries.tensors(0, 3, 0.1, 5);
    }

    @Provide
    Arbitrary<Tensor> offKinks() {
        return TensorArbitraries.offKinks(0, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> distinct() {
        return TensorArbitraries.distinct(1, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> matrices() {
        return TensorArbitraries.matrices(-2, 2);
    }
}
