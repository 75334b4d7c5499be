package jgrad.core;

import java.util.stream.IntStream;
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
 * Gradients of the reductions and of the composites built on them: over all elements, along one
 * axis (negative axes included) and along several, with and without {@code keepDims}.
 *
 * <p>An {@code axisSeed} in {@code [-3, 2]} becomes the axis {@code axisSeed % rank}, which covers
 * both signs for every rank from 1 to 3.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class ReductionGradientTest {

    @Property
    @Covers(ReduceSum.class)
    void sumVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::sum, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceSum.class, Reshape.class})
    void sumAlongAnAxisVjpMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed, @ForAll boolean keepDims) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.sum(axis, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceSum.class, Reshape.class})
    void sumAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("moderate") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.sum(axes, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceSum.class, Mul.class})
    void meanVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::mean, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceSum.class, Mul.class})
    void meanAlongAnAxisVjpMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed, @ForAll boolean keepDims) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.mean(axis, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(ReduceMax.class)
    void maxVjpMatchesCentralDifference(@ForAll("distinct") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::max, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceMax.class, Reshape.class})
    void maxAlongAnAxisVjpMatchesCentralDifference(@ForAll("distinctNonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed, @ForAll boolean keepDims) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.max(axis, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(ReduceMax.class)
    void maxAlongSeveralAxesVjpMatchesCentralDifference(@ForAll("distinct") Tensor x,
            @ForAll @IntRange(min = 0, max = 7) int axisBits, @ForAll boolean keepDims) {
        int[] axes = axesFromBits(axisBits, x.rank());
        GradCheck.assertVjpMatches(t -> t.max(axes, keepDims), x, Tolerance.FLOAT64);
    }

    /** Ties in the max do not matter here: the shift goes through stopGradient. */
    @Property
    @Covers({Exp.class, Log.class, ReduceSum.class, Reshape.class, Add.class})
    void logSumExpVjpMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed, @ForAll boolean keepDims) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.logSumExp(axis, keepDims), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({LogSoftmax.class, Exp.class})
    void softmaxVjpMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.softmax(axis), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(LogSoftmax.class)
    void logSoftmaxVjpMatchesCentralDifference(@ForAll("nonScalar") Tensor x,
            @ForAll @IntRange(min = -3, max = 2) int axisSeed) {
        int axis = axisSeed % x.rank();
        GradCheck.assertVjpMatches(t -> t.logSoftmax(axis), x, Tolerance.FLOAT64);
    }

    /** Away from the zero vector, where the norm has a kink (its subgradient there is 0). */
    @Property
    @Covers({Sqrt.class, Mul.class, ReduceSum.class, Where.class})
    void normVjpMatchesCentralDifference(@ForAll("offKinks") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::norm, x, Tolerance.FLOAT64);
    }

    /** Sorted distinct axes of {@code rank} picked by the low bits of {@code bits}. */
    static int[] axesFromBits(int bits, int rank) {
        return IntStream.range(0, rank).filter(i -> (bits >> i & 1) != 0).toArray();
    }

    @Provide
    Arbitrary<Tensor> moderate() {
        return TensorArbitraries.tensors(0, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> nonScalar() {
        return TensorArbitraries.tensors(1, 3, -3, 3);
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
    Arbitrary<Tensor> distinctNonScalar() {
        return TensorArbitraries.distinct(1, 3, -3, 3);
    }
}
