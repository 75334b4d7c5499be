package jgrad.core;

import com.google.common.collect.ImmutableMap;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import jgrad.check.jqwik.TensorPair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Gradients of the elementwise math, the activations and the binary operations {@code atan2},
 * {@code maximum}, {@code minimum} and {@code clamp} against central differences, inputs kept
 * inside each function's domain and at least {@value TensorArbitraries#KINK_MARGIN} away from its
 * kinks (0, the clamp bounds, ties between operands).
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class MathGradientTest {

    @Property
    @Covers(Sin.class)
    void sinVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::sin, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Cos.class)
    void cosVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::cos, x, Tolerance.FLOAT64);
    }

    /** Off the poles at {@code +-pi/2}. */
    @Property
    @Covers({Sin.class, Cos.class, Div.class})
    void tanVjpMatchesCentralDifference(@ForAll("belowPoles") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::tan, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Asin.class)
    void asinVjpMatchesCentralDifference(@ForAll("insideUnit") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::asin, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Acos.class)
    void acosVjpMatchesCentralDifference(@ForAll("insideUnit") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::acos, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Atan2.class, BroadcastTo.class})
    void atanVjpMatchesCentralDifference(@ForAll("wide") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::atan, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Sinh.class)
    void sinhVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::sinh, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Cosh.class)
    void coshVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::cosh, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Expm1.class)
    void expm1VjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::expm1, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Erf.class)
    void erfVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::erf, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Erfc.class)
    void erfcVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::erfc, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Sqrt.class, Recip.class})
    void rsqrtVjpMatchesCentralDifference(@ForAll("positive") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::rsqrt, x, Tolerance.FLOAT64);
    }

    /** sign is piecewise constant: its gradient is 0 away from 0, and the check agrees. */
    @Property(tries = 50)
    @Covers({Where.class, Add.class})
    void signVjpMatchesCentralDifference(@ForAll("offKinks") Tensor x) {
        GradCheck.assertVjpMatches(t -> t.sign().add(t), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Where.class, Mul.class})
    void leakyReluVjpMatchesCentralDifference(@ForAll("offKinks") Tensor x,
            @ForAll @DoubleRange(min = 0.0, max = 0.5) double slope) {
        GradCheck.assertVjpMatches(t -> t.leakyRelu(slope), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Where.class, Expm1.class})
    void eluVjpMatchesCentralDifference(@ForAll("offKinks") Tensor x,
            @ForAll @DoubleRange(min = 0.1, max = 2.0) double alpha) {
        GradCheck.assertVjpMatches(t -> t.elu(alpha), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Erfc.class, Mul.class})
    void geluVjpMatchesCentralDifference(@ForAll("activationRange") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::gelu, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Sigmoid.class, Mul.class, Add.class})
    void geluTanhVjpMatchesCentralDifference(@ForAll("activationRange") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::geluTanh, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Sigmoid.class, Mul.class})
    void siluVjpMatchesCentralDifference(@ForAll("activationRange") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::silu, x, Tolerance.FLOAT64);
    }

    /** Smooth at 0 (derivative 1) although built on abs, whose kink terms cancel there. */
    @Property
    @Covers({Div.class, Mul.class})
    void softsignVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::softsign, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Where.class)
    void hardTanhVjpMatchesCentralDifference(@ForAll("offUnitBounds") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::hardTanh, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Where.class)
    void clampWithScalarBoundsVjpMatchesCentralDifference(@ForAll("offUnitBounds") Tensor x) {
        GradCheck.assertVjpMatches(t -> t.clamp(-1.0, 1.0).add(t.clampMin(1.0))
                .add(t.clampMax(-1.0).mul(2.0)), x, Tolerance.FLOAT64);
    }

    /** The angle in every quadrant; each operand at least 0.1 from 0, off the branch cut. */
    @Property
    @Covers({Atan2.class, BroadcastTo.class})
    void atan2VjpMatchesCentralDifference(@ForAll("awayFromZeroPairs") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").atan2(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Maximum.class, BroadcastTo.class})
    void maximumVjpMatchesCentralDifference(@ForAll("untiedPairs") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").maximum(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Minimum.class, BroadcastTo.class})
    void minimumVjpMatchesCentralDifference(@ForAll("untiedPairs") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").minimum(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    /** All three operands get gradients, each broadcast, the bounds in either order. */
    @Property
    @Covers({Where.class, BroadcastTo.class})
    void clampWithTensorBoundsVjpMatchesCentralDifference(
            @ForAll("untiedTriples") ImmutableMap<String, Tensor> triple) {
        GradCheck.assertVjpMatches(p -> p.get("x").clamp(p.get("low"), p.get("high"))
                .add(p.get("x").clampMin(p.get("high")).mul(2.0))
                .add(p.get("x").clampMax(p.get("low")).mul(3.0)),
                Params.copyOf(triple), Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Tensor> moderate() {
        return TensorArbitraries.tensors(0, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> wide() {
        return TensorArbitraries.tensors(0, 3, -30, 30);
    }

    @Provide
    Arbitrary<Tensor> activationRange() {
        return TensorArbitraries.tensors(0, 3, -8, 8);
    }

    @Provide
    Arbitrary<Tensor> positive() {
        return TensorArbitraries.tensors(0, 3, 0.1, 5);
    }

    @Provide
    Arbitrary<Tensor> belowPoles() {
        return TensorArbitraries.tensors(0, 3, -1.3, 1.3);
    }

    /** Inside {@code (-1, 1)}, away from the infinite derivative at the ends. */
    @Provide
    Arbitrary<Tensor> insideUnit() {
        return TensorArbitraries.tensors(0, 3, -0.9, 0.9);
    }

    @Provide
    Arbitrary<Tensor> offKinks() {
        return TensorArbitraries.offKinks(0, 3, -3, 3);
    }

    /** Values at least the kink margin away from the bounds {@code -1} and {@code 1}. */
    @Provide
    Arbitrary<Tensor> offUnitBounds() {
        Arbitrary<Double> values = TensorArbitraries.values(-3, 3).filter(value ->
                Math.abs(Math.abs(value) - 1) >= TensorArbitraries.KINK_MARGIN);
        return TensorArbitraries.shapes(0, 3).flatMap(shape ->
                TensorArbitraries.tensors(shape, values));
    }

    @Provide
    Arbitrary<TensorPair> awayFromZeroPairs() {
        Arbitrary<Double> values = TensorArbitraries.values(-3, 3).filter(v -> Math.abs(v) >= 0.1);
        return TensorArbitraries.broadcastPairs(values, values);
    }

    @Provide
    Arbitrary<TensorPair> untiedPairs() {
        return TensorArbitraries.broadcastPairs(-3, 3)
                .filter(pair -> apart(pair.a(), pair.b()));
    }

    /** {@code x}, {@code low}, {@code high}: broadcast partners of one shape, pairwise untied. */
    @Provide
    Arbitrary<ImmutableMap<String, Tensor>> untiedTriples() {
        return TensorArbitraries.shapes(0, 3).flatMap(shape -> Combinators.combine(
                        TensorArbitraries.broadcastPartners(shape),
                        TensorArbitraries.broadcastPartners(shape),
                        TensorArbitraries.broadcastPartners(shape))
                .flatAs((xShape, lowShape, highShape) -> Combinators.combine(
                                TensorArbitraries.tensors(xShape, -3, 3),
                                TensorArbitraries.tensors(lowShape, -2, 0.5),
                                TensorArbitraries.tensors(highShape, -0.5, 2))
                        .as((x, low, high) -> ImmutableMap.of("x", x, "low", low, "high", high))))
                .filter(t -> apart(t.get("x"), t.get("low")) && apart(t.get("x"), t.get("high"))
                        && apart(t.get("low"), t.get("high")));
    }

    /** Whether every broadcast pair of elements differs by at least the kink margin. */
    static boolean apart(Tensor a, Tensor b) {
        return a.sub(b).abs().min().item() >= TensorArbitraries.KINK_MARGIN;
    }
}
