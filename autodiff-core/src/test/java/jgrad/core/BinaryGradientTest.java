package jgrad.core;

import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import jgrad.check.jqwik.TensorPair;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Gradients of the binary operations with respect to both operands, with broadcasting: each
 * operand of a pair may be broadcast along some axes, so its gradient must be summed back
 * ({@link BroadcastTo}'s rule) to its own shape.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class BinaryGradientTest {

    @Property
    @Covers({Add.class, BroadcastTo.class})
    void addVjpMatchesCentralDifference(@ForAll("moderatePairs") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").add(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Add.class, Neg.class, BroadcastTo.class})
    void subVjpMatchesCentralDifference(@ForAll("moderatePairs") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").sub(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Mul.class, BroadcastTo.class})
    void mulVjpMatchesCentralDifference(@ForAll("moderatePairs") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").mul(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Div.class, BroadcastTo.class})
    void divVjpMatchesCentralDifference(@ForAll("positiveDenominators") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").div(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Mul.class, Div.class, BroadcastTo.class})
    void scalarArithmeticVjpMatchesCentralDifference(
            @ForAll("moderate") Tensor x, @ForAll @DoubleRange(min = 0.5, max = 3) double c) {
        GradCheck.assertVjpMatches(
                t -> t.add(c).mul(c).sub(c).div(c), x, Tolerance.FLOAT64);
    }

    /** Both operands; the base stays in [0.1, 3] where {@code a^b} and {@code ln a} are smooth. */
    @Property
    @Covers({Pow.class, BroadcastTo.class})
    void powVjpMatchesCentralDifference(@ForAll("powPairs") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").pow(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    /**
     * Negative bases are fine with integer exponents (a constant here). Exponents stay
     * non-negative: {@code x^-3} near 0 is too steep for a central difference.
     */
    @Property
    @Covers(Pow.class)
    void powWithIntegerExponentVjpMatchesCentralDifference(
            @ForAll("moderate") Tensor x, @ForAll("integerExponents") double exponent) {
        GradCheck.assertVjpMatches(t -> t.pow(exponent), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Pow.class)
    void powWithFractionalExponentVjpMatchesCentralDifference(
            @ForAll("positive") Tensor x,
            @ForAll @DoubleRange(min = -2.5, max = 2.5) double exponent) {
        GradCheck.assertVjpMatches(t -> t.pow(exponent), x, Tolerance.FLOAT64);
    }

    /**
     * Both branches get gradients where they are selected. The mask comes from {@code a}'s sign
     * (a constant: {@code |a| >= 1e-3} while the check moves it by at most {@code 3e-5}), and is
     * broadcast with both branches.
     */
    @Property
    @Covers({Where.class, Less.class, BroadcastTo.class})
    void whereVjpMatchesCentralDifferenceForBothBranches(@ForAll("offKinkPairs") TensorPair pair) {
        GradCheck.assertVjpMatches(p -> {
            Tensor a = p.get("a");
            Tensor b = p.get("b");
            return Tensor.where(a.stopGradient().greater(0.0), a.mul(3.0), b.tanh());
        }, pair.params(), Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Tensor> moderate() {
        return TensorArbitraries.tensors(0, 3, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> positive() {
        return TensorArbitraries.tensors(0, 3, 0.1, 5);
    }

    @Provide
    Arbitrary<Double> integerExponents() {
        return Arbitraries.integers().between(0, 4).map(Integer::doubleValue);
    }

    @Provide
    Arbitrary<TensorPair> moderatePairs() {
        return TensorArbitraries.broadcastPairs(-3, 3);
    }

    @Provide
    Arbitrary<TensorPair> positiveDenominators() {
        return TensorArbitraries.broadcastPairs(
                TensorArbitraries.values(-3, 3), TensorArbitraries.values(0.1, 5));
    }

    @Provide
    Arbitrary<TensorPair> powPairs() {
        return TensorArbitraries.broadcastPairs(
                TensorArbitraries.values(0.1, 3), TensorArbitraries.values(-3, 3));
    }

    @Provide
    Arbitrary<TensorPair> offKinkPairs() {
        return TensorArbitraries.broadcastPairs(
                TensorArbitraries.valuesOffKinks(-3, 3), TensorArbitraries.values(-3, 3));
    }
}
