package jgrad.core;

import static jgrad.core.ReductionGradientTest.axesFromBits;

import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Gradients of min, prod, var, std, logSumExp over several axes, the p-norms and the running sums
 * and products against central differences, over one axis (negative ones included) and over any
 * set of axes, with and without {@code keepDims}. Products are also checked at inputs with exact
 * zeros (one or several per slice), where the gradient must not divide by zero: the functions are
 * polynomials, so central differences across a zero are exact up to rounding.
 *
 * <p>An {@code axisSeed} in {@code [-3, 2]} becomes the axis {@code axisSeed % rank}; {@code
 * axisBits} picks a set of axes (see {@link ReductionGradientTest#axesFromBits}).
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class ReductionOpsGradientTest {

    @Property
    @Covers(ReduceMin.class)
    void minVjpMatchesCentralDifference(@ForAll("distinct") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::min, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceMin.class, Reshape.class})
    void minAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("distinct") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.min(axes, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceProd.class, Reshape.class})
    void prodAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("moderate") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.prod(axes, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceProd.class, Cumprod.class, Pad.class, Slice.class, Permute.class})
    void prodWithZerosVjpMatchesCentralDifference(@ForAll("withZeros") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.prod(axes, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceSum.class, Mul.class, Div.class})
    void varAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("moderate") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims,
            @ForAll @IntRange(min = 0, max = 1) int ddof) {
        int[] axes = axesFromBits(axisBits, x.rank());
        int usableDdof = Math.min(ddof, count(x, axes) - 1);
        GradCheck.assertVjpMatches(t -> t.var(axes, usableDdof, keepDims), x, Tolerance.FLOAT64);
    }

    /** Away from zero spread: the drawn values are spread unless a slice has one element. */
    @Property
    @Covers({Sqrt.class, Where.class, ReduceSum.class})
    void stdAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("distinct") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims,
            @ForAll @IntRange(min = 0, max = 1) int ddof) {
        int[] axes = axesFromBits(axisBits, x.rank());
        int usableDdof = Math.min(ddof, count(x, axes) - 1);
        GradCheck.assertVjpMatches(t -> t.std(axes, usableDdof, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Exp.class, Log.class, ReduceSum.class, Reshape.class, Add.class})
    void logSumExpAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("moderate") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.logSumExp(axes, keepDims), x, Tolerance.FLOAT64);
    }

    /** p = 1 off the kink of abs at 0, p = 2, 2.5 and 3 anywhere but the zero vector. */
    @Property
    @Covers({Pow.class, Sqrt.class, ReduceSum.class, Where.class, Div.class})
    void pNormsAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("offKinks") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims,
            @ForAll("finitePs") double p) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.norm(p, axes, keepDims), x, Tolerance.FLOAT64);
    }

    /** The max norm with distinct magnitudes (values positive, so no {@code |a| = |-a|} ties). */
    @Property
    @Covers({ReduceMax.class, Mul.class})
    void maxNormVjpMatchesCentralDifference(@ForAll("distinctPositive") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.neg().norm(Double.POSITIVE_INFINITY, axes, keepDims),
                x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Cumsum.class)
    void cumsumVjpMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.cumsum(axis), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Cumprod.class)
    void cumprodVjpMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.cumprod(axis), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Cumprod.class, Cumsum.class, Where.class})
    void cumprodWithZerosVjpMatchesCentralDifference(@ForAll("withZerosNonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.cumprod(axis), x, Tolerance.FLOAT64);
    }

    /** The number of elements each reduction over {@code axes} combines. */
    static int count(Tensor x, int[] axes) {
        int count = 1;
        for (int axis : axes) {
            count *= x.shape().dim(axis);
        }
        return count;
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
    Arbitrary<Tensor> offKinks() {
        return TensorArbitraries.offKinks(0, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> distinct() {
        return TensorArbitraries.distinct(0, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> distinctPositive() {
        return TensorArbitraries.distinct(0, 3, 0.1, 3);
    }

    @Provide
    Arbitrary<Double> finitePs() {
        return Arbitraries.of(1.0, 2.0, 2.5, 3.0);
    }

    @Provide
    Arbitrary<Tensor> withZeros() {
        return withZeros(0);
    }

    @Provide
    Arbitrary<Tensor> withZerosNonScalar() {
        return withZeros(1);
    }

    /** Values in [-2, 2] of which about a third are exactly 0. */
    static Arbitrary<Tensor> withZeros(int minRank) {
        Arbitrary<Double> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
                net.jqwik.api.Tuple.of(2, TensorArbitraries.values(-2, 2)));
        return TensorArbitraries.shapes(minRank, 3).flatMap(shape ->
                TensorArbitraries.tensors(shape, values));
    }
}
