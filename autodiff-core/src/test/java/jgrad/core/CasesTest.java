package jgrad.core;

import static jgrad.core.CaseAssertions.assertClose;
import static jgrad.core.CaseAssertions.assertScalar;
import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.assertTensorWithin;
import static jgrad.core.CaseAssertions.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The failure cases of shared/cases/CASES.md that belong to the core, one nested class per case,
 * with the case's values and tolerance (|got - want| <= 1e-12 + 1e-12 |want| unless the case says
 * otherwise; shapes checked).
 *
 * <p>Parts that need another module are tested there: C02 (ii)-(iii) (the L1 loss), C04's loss API,
 * C15-C19, C17 (iv) and C20's cross-entropy API; their pure-core math (C04, C20) is tested here on
 * tensors directly. C11's max-pool is {@code Tensor.maxPool1d}.
 */
class CasesTest {

    @Nested
    @DisplayName("C01: 2-norm of the zero vector has gradient 0, not NaN")
    class C01 {
        @Test
        void normOfTheZeroVectorHasTheSubgradientZero() {
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(Tensor::norm, Tensor.of(0, 0, 0));
            assertScalar(result.value(), 0);
            assertTensor(result.grad(), dims(3), 0, 0, 0);
        }

        @Test
        void normAtTheControlPointIsFiveWithGradientXOverNorm() {
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(Tensor::norm, Tensor.of(3, 0, -4));
            assertScalar(result.value(), 5);
            assertTensor(result.grad(), dims(3), 0.6, 0, -0.8);
        }

        /** Not what the case tests, but the convention behind it: sqrt'(0) = +Inf gives NaN. */
        @Test
        void handWrittenSqrtOfSumOfSquaresGivesNaNAtZeroUnderSqrtConvention() {
            Tensor grad = Autodiff.grad(x -> x.square().sum().sqrt(), Tensor.of(0, 0, 0));
            assertTrue(Arrays.stream(grad.toArray()).allMatch(Double::isNaN));
        }
    }

    @Nested
    @DisplayName("C02: abs at 0 and relu at 0 have subgradient 0 (parts i and iv; L1 loss is nn's)")
    class C02 {
        @Test
        void sumOfAbsoluteDifferencesHasGradientZeroAtTheKink() {
            Tensor b = Tensor.of(0, 0, 0);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(a -> a.sub(b).abs().sum(), Tensor.of(-1, 0, 1));
            assertScalar(result.value(), 2);
            assertTensor(result.grad(), dims(3), -1, 0, 1);
        }

        @Test
        void sumOfReluHasGradientZeroAtTheKink() {
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(x -> x.relu().sum(), Tensor.of(-2, 0, 3));
            assertScalar(result.value(), 3);
            assertTensor(result.grad(), dims(3), 0, 0, 1);
        }
    }

    @Nested
    @DisplayName("C03: where passes no NaN back from the branch it did not select")
    class C03 {
        /** {@code y = where(a <= 0, exp(a), 1 + a)}, with {@code a <= 0} as less-or-equal masks. */
        private ValueAndGrad<Tensor> chain(double a) {
            return Autodiff.valueAndGrad(t -> {
                Tensor lessOrEqual = t.less(0.0).add(t.equal(0.0));
                return Tensor.where(lessOrEqual, t.exp(), t.add(1.0));
            }, Tensor.scalar(a));
        }

        @Test
        void atAThousandTheOverflowingUnselectedBranchAddsNothing() {
            ValueAndGrad<Tensor> result = chain(1000);
            assertScalar(result.value(), 1001);
            assertScalar(result.grad(), 1);
        }

        @Test
        void atMinusTwoTheExpBranchIsSelected() {
            ValueAndGrad<Tensor> result = chain(-2);
            assertScalar(result.value(), 0.1353352832366127);
            assertScalar(result.grad(), 0.1353352832366127);
        }

        @Test
        void atOneHalfTheLinearBranchIsSelected() {
            ValueAndGrad<Tensor> result = chain(0.5);
            assertScalar(result.value(), 1.5);
            assertScalar(result.grad(), 1);
        }
    }

    @Nested
    @DisplayName("C04: log-softmax cross-entropy math is stable for logits 1000, -1000 and 1e8")
    class C04 {
        private final Tensor logits =
                Tensor.of(new double[][] {{1000, 1000}, {0, -1000}, {1e8, 1e8}});
        private final Tensor targets = Tensor.oneHot(ImmutableIntArray.of(1, 1, 0), 2);

        /** Per-sample {@code -logSoftmax(z)[t]}, the cross-entropy from logits. */
        private Tensor perSample(Tensor z) {
            return z.logSoftmax(1).mul(targets).sum(1, false).neg();
        }

        @Test
        void perSampleLossesAreLogTwoAThousandAndLogTwo() {
            assertTensor(perSample(logits), dims(3),
                    0.6931471805599453, 1000, 0.6931471805599453);
        }

        @Test
        void meanLossAndGradientAreSoftmaxMinusOneHotOverThree() {
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(z -> perSample(z).mean(), logits);
            assertScalar(result.value(), 333.7954314537066);
            assertTensor(result.grad(), dims(3, 2),
                    1.0 / 6, -1.0 / 6, 1.0 / 3, -1.0 / 3, -1.0 / 6, 1.0 / 6);
        }

        /**
         * The case's chain writes {@code logsumexp(z) - z[t]}; logSumExp itself is right to the
         * default tolerance. Subtracting {@code z[t] = 1e8} afterwards cannot be: {@code 1e8 +
         * ln 2} rounds to a multiple of 1.5e-8, which is why the loss goes through logSoftmax.
         */
        @Test
        void logSumExpOfEachRowIsTheMaxPlusTheLogOfTheCount() {
            assertTensor(logits.logSumExp(1, false), dims(3),
                    1000 + Math.log(2), 0, 1e8 + Math.log(2));
        }

        @Test
        void lossDoesNotChangeWhenAConstantIsAddedToEveryLogit() {
            assertTensor(perSample(logits.add(500)), dims(3),
                    0.6931471805599453, 1000, 0.6931471805599453);
            assertTensor(perSample(logits.sub(1e6)), dims(3),
                    0.6931471805599453, 1000, 0.6931471805599453);
        }
    }

    @Nested
    @DisplayName("C05: softplus neither overflows nor loses precision (needs log1p)")
    class C05 {
        private final Tensor x = Tensor.of(-1000, -20, 0, 20, 50, 1000);
        /** Relative 1e-12, with the absolute floor 1e-300 the case gives for the zero entries. */
        private static final double FLOOR = 1e-300;

        @Test
        void softplusMatchesLogOnePlusExpToTwelveDigits() {
            assertTensorWithin(x.softplus(), dims(6), FLOOR, 1e-12,
                    0, 2.061153620314381e-09, 0.6931471805599453, 20.000000002061153, 50.0, 1000.0);
        }

        @Test
        void gradientOfSoftplusIsSigmoid() {
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(t -> t.softplus().sum(), x);
            assertTensorWithin(result.grad(), dims(6), FLOOR, 1e-12,
                    0, 2.0611536181902033e-09, 0.5, 0.9999999979388463, 1.0, 1.0);
            assertEquals(1.0, result.grad().get(5), "exactly 1 at x = 1000");
            assertEquals(0.0, result.grad().get(0), "exactly 0 at x = -1000");
            assertEquals(0.5, result.grad().get(2), "exactly 0.5 at x = 0");
            assertClose(1000.0 + 20.000000002061153 + 50.0 + 0.6931471805599453
                    + 2.061153620314381e-09, result.value().item());
        }

        /** The tolerance has teeth: the naive form is off by a relative 3e-8 at -20. */
        @Test
        void naiveLogOfOnePlusExpFailsTheCaseTolerance() {
            double[] naive = x.exp().add(1.0).log().toArray();
            assertTrue(Math.abs(naive[1] - 2.061153620314381e-09) > 1e-12 * 2.061153620314381e-09);
            assertEquals(Double.POSITIVE_INFINITY, naive[5]);
        }
    }

    @Nested
    @DisplayName("C06: pow with base 0 has finite, conventional gradients")
    class C06 {
        private ValueAndGrad<Params> chain(Tensor a, Tensor b) {
            return Autodiff.valueAndGrad(
                    p -> p.get("a").pow(p.get("b")).sum(), Params.of("a", a, "b", b));
        }

        @Test
        void exponentOneAtBaseZeroHasGradientOneAndZero() {
            ValueAndGrad<Params> result = chain(Tensor.of(0, 2), Tensor.of(1, 1));
            assertScalar(result.value(), 2);
            assertTensor(result.grad().get("a"), dims(2), 1, 1);
            assertTensor(result.grad().get("b"), dims(2), 0, 1.3862943611198906);
        }

        @Test
        void exponentsTwoAndOneHalfAtBaseZeroGiveZeroAndInfinity() {
            ValueAndGrad<Params> result = chain(Tensor.of(0, 0, 2), Tensor.of(2, 0.5, 3));
            assertScalar(result.value(), 8);
            assertTensor(result.grad().get("a"), dims(3), 0, Double.POSITIVE_INFINITY, 12);
            assertTensor(result.grad().get("b"), dims(3), 0, 0, 5.545177444479562);
        }

        /** The convention's last point: exponent exactly 0 gives d/da = 0 (a^0 = 1 is constant). */
        @Test
        void exponentZeroAtBaseZeroHasGradientZero() {
            ValueAndGrad<Params> result = chain(Tensor.of(0.0), Tensor.of(0.0));
            assertScalar(result.value(), 1);
            assertTensor(result.grad().get("a"), dims(1), 0);
            assertTensor(result.grad().get("b"), dims(1), 0);
        }
    }

    @Nested
    @DisplayName("C07: the gradient of a broadcast operand is summed back to its shape")
    class C07 {
        @Test
        void broadcastRowGetsTheColumnSumsWithShapeOneByFour() {
            Tensor a = Tensor.of(Tensor.arange(1, 13, 1).toArray(), 3, 4);
            Tensor b = Tensor.of(new double[][] {{1, 2, 3, 4}});
            Tensor t = Tensor.of(Tensor.arange(100, 112, 1).toArray(), 3, 4);
            ValueAndGrad<Params> result = Autodiff.valueAndGrad(
                    p -> t.sub(p.get("a").add(p.get("b"))).square().sum(),
                    Params.of("a", a, "b", b));
            assertScalar(result.value(), 111762);
            assertTensorWithin(result.grad().get("a"), dims(3, 4), 0, 0,
                    -196, -194, -192, -190, -196, -194, -192, -190, -196, -194, -192, -190);
            assertTensorWithin(result.grad().get("b"), dims(1, 4), 0, 0, -588, -582, -576, -570);
        }

        @Test
        void oneElementScaleGetsTheSumWithShapeOne() {
            Tensor s = Tensor.of(2);
            Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}});
            ValueAndGrad<Params> result = Autodiff.valueAndGrad(
                    p -> p.get("s").mul(p.get("m")).sum(), Params.of("s", s, "m", m));
            assertScalar(result.value(), 20);
            assertTensorWithin(result.grad().get("s"), dims(1), 0, 0, 10);
            assertTensorWithin(result.grad().get("m"), dims(2, 2), 0, 0, 2, 2, 2, 2);
        }
    }

    @Nested
    @DisplayName("C08: a value used on several paths gets the summed gradient, every time")
    class C08 {
        @Test
        void reusedInputsOfThreeXSquaredGiveSix() {
            Tensor a = Tensor.scalar(1);
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(x -> {
                Tensor u = x.mul(a);
                Tensor w = x.mul(x);
                return x.mul(u).add(w.mul(a)).add(x.mul(u));
            }, Tensor.scalar(1));
            assertScalar(result.value(), 3);
            assertScalar(result.grad(), 6);
        }

        /** {@code h = 3x; y = h*h + h*x + h}: h is used four times; y = 12x^2 + 3x. */
        private Tensor twelveXSquaredPlusThreeX(Tensor x) {
            Tensor h = x.mul(3.0);
            return h.mul(h).add(h.mul(x)).add(h);
        }

        @Test
        void intermediateUsedFourTimesGivesFiftyOne() {
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(this::twelveXSquaredPlusThreeX, Tensor.scalar(2));
            assertScalar(result.value(), 54);
            assertScalar(result.grad(), 51);
        }

        /** Part (iii): nothing accumulates between backward passes, on one graph or a new one. */
        @Test
        void secondBackwardPassGivesFiftyOneAgain() {
            Tensor x = Tensor.scalar(2).requiresGrad();
            Tensor y = twelveXSquaredPlusThreeX(x);
            assertScalar(y.backward().get(x), 51);
            assertScalar(y.backward().get(x), 51);
            assertScalar(twelveXSquaredPlusThreeX(x).backward().get(x), 51);
            assertScalar(Autodiff.grad(this::twelveXSquaredPlusThreeX, Tensor.scalar(2)), 51);
            assertScalar(Autodiff.grad(this::twelveXSquaredPlusThreeX, Tensor.scalar(2)), 51);
        }
    }

    @Nested
    @DisplayName("C09: reducing along one axis puts the gradient back on the right axis")
    class C09 {
        @Test
        void meanOfSquaresOfAVectorIsAScalarWithGradientTwoXOverN() {
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(
                    x -> x.square().mean(0, false), Tensor.of(1, 2, 3, 4, 5));
            assertScalar(result.value(), 11);
            assertTensor(result.grad(), dims(5), 0.4, 0.8, 1.2, 1.6, 2.0);
        }

        @Test
        void meanWithKeepDimsKeepsShapeTwoByOne() {
            Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
            Tensor c = Tensor.of(new double[][] {{1, 0, 0}, {0, 0, 1}});
            assertTensor(x.mean(1, true), dims(2, 1), 2, 5);
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(
                    t -> c.mul(t.sub(t.mean(1, true))).sum(), x);
            assertScalar(result.value(), 0);
            assertTensor(result.grad(), dims(2, 3),
                    2.0 / 3, -1.0 / 3, -1.0 / 3, -1.0 / 3, -1.0 / 3, 2.0 / 3);
        }

        @Test
        void sumWithoutKeepDimsDropsTheAxis() {
            Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
            Tensor weights = Tensor.of(1, 10, 100);
            assertTensor(x.sum(0, false), dims(3), 5, 7, 9);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(t -> t.sum(0, false).mul(weights).sum(), x);
            assertScalar(result.value(), 975);
            assertTensor(result.grad(), dims(2, 3), 1, 10, 100, 1, 10, 100);
        }
    }

    @Nested
    @DisplayName("C10: max with ties splits the gradient evenly")
    class C10 {
        @Test
        void maxOverAllElementsSplitsBetweenTwoTies() {
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(Tensor::max, Tensor.of(0.6, 0.6, 0.3));
            assertScalar(result.value(), 0.6);
            assertTensor(result.grad(), dims(3), 0.5, 0.5, 0);
        }

        @Test
        void maxAlongAnAxisSplitsWithinEachRow() {
            Tensor x = Tensor.of(new double[][] {{1, 3, 3}, {2, 2, 2}});
            Tensor weights = Tensor.of(1, 3);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(t -> t.max(1, false).mul(weights).sum(), x);
            assertTensor(x.max(1, false), dims(2), 3, 2);
            assertScalar(result.value(), 9);
            assertTensor(result.grad(), dims(2, 3), 0, 0.5, 0.5, 1, 1, 1);
        }
    }

    @Nested
    @DisplayName("C11: max-pool with overlapping windows adds up the windows' gradients")
    class C11 {
        private final Tensor x = Tensor.of(5, 3, 1, 2, 5);

        /** Windows [5, 3], [3, 1], [1, 2], [2, 5]: x1 is the max of two, x2 of none. */
        @Test
        void windowTwoStrideOneAddsTheGradientOfBothWindowsOfTheMiddleElement() {
            assertTensorWithin(x.maxPool1d(2, 1), dims(4), 0, 0, 5, 3, 2, 5);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(t -> t.maxPool1d(2, 1).sum(), x);
            assertTensorWithin(result.value(), dims(), 0, 0, 15);
            assertTensorWithin(result.grad(), dims(5), 0, 0, 1, 1, 0, 1, 1);
        }

        /** Windows [5, 3, 1], [3, 1, 2], [1, 2, 5], weighted 1, 10, 100; no ties within one. */
        @Test
        void windowThreeStrideOneSendsEachWeightedWindowToItsMax() {
            Tensor weights = Tensor.of(1, 10, 100);
            assertTensorWithin(x.maxPool1d(3, 1), dims(3), 0, 0, 5, 3, 5);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(t -> t.maxPool1d(3, 1).mul(weights).sum(), x);
            assertTensorWithin(result.value(), dims(), 0, 0, 535);
            assertTensorWithin(result.grad(), dims(5), 0, 0, 1, 10, 0, 0, 100);
        }
    }

    @Nested
    @DisplayName("C12: second derivative through a gradient; the levels do not mix")
    class C12 {
        @Test
        void gradientOfTheSquaredGradientOfXSquaredIsEight() {
            Tensor x = Tensor.scalar(1);
            Tensor g = Autodiff.grad(t -> t.square(), x);
            assertScalar(g, 2);
            ValueAndGrad<Tensor> h = Autodiff.valueAndGrad(
                    t -> Autodiff.grad(s -> s.square(), t).square(), x);
            assertScalar(h.value(), 4);
            assertScalar(h.grad(), 8);
        }

        @Test
        void gradientOfXTimesTheGradientOfXCubedIsTwentyPointTwoFive() {
            Tensor x = Tensor.scalar(1.5);
            assertScalar(Autodiff.grad(t -> t.pow(3.0), x), 6.75);
            ValueAndGrad<Tensor> h = Autodiff.valueAndGrad(
                    t -> t.mul(Autodiff.grad(s -> s.mul(s).mul(s), t)), x);
            assertScalar(h.value(), 10.125);
            assertScalar(h.grad(), 20.25);
        }
    }

    @Nested
    @DisplayName("C13: very deep graphs backpropagate without recursion, on a default stack")
    class C13 {
        /** assertTimeoutPreemptively runs the body on a new thread with the default stack size. */
        @Test
        void chainOfOneHundredThousandAdditions() {
            ValueAndGrad<Tensor> result = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    Autodiff.valueAndGrad(x -> {
                        Tensor y = x;
                        for (int k = 1; k <= 100_000; k++) {
                            y = y.add(x);
                        }
                        return y;
                    }, Tensor.scalar(0.5)));
            assertEquals(50000.5, result.value().item());
            assertEquals(100001, result.grad().item());
        }

        /** The core issue's bound: a chain of a million operations (1.000001^1e6 = e^0.9999995). */
        @Test
        void chainOfOneMillionProducts() {
            ValueAndGrad<Tensor> result = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    Autodiff.valueAndGrad(x -> {
                        Tensor y = x;
                        for (int k = 1; k <= 1_000_000; k++) {
                            y = y.mul(1.000001);
                        }
                        return y;
                    }, Tensor.scalar(1)));
            assertClose(2.7182804690957534, result.value().item(), 0, 1e-9, "y");
            assertClose(2.7182804690957534, result.grad().item(), 0, 1e-9, "dy/dx");
        }

        @Test
        void tapeStyleChainOfOneHundredThousandAdditions() {
            Tensor gradient = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                Tensor x = Tensor.scalar(0.5).requiresGrad();
                Tensor y = x;
                for (int k = 1; k <= 100_000; k++) {
                    y = y.add(x);
                }
                return y.backward().get(x);
            });
            assertEquals(100001, gradient.item());
        }
    }

    @Nested
    @DisplayName("C14: no in-place writes; the functional overwrite cuts the gradient")
    class C14 {
        private final Tensor a = Tensor.of(1, 2, 3);

        @Test
        void functionalReplacementOfTheMiddleElementGivesZeroGradientThere() {
            Tensor keep = Tensor.of(1, 0, 1);
            Tensor replacement = Tensor.of(0, 1, 0).mul(2.0);
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(
                    t -> t.sigmoid().mul(keep).add(replacement).sum(), a);
            assertScalar(result.value(), 3.683632705452438);
            assertTensor(result.grad(), dims(3), 0.19661193324148185, 0, 0.045176659730912);
        }

        @Test
        void whereWithAConstantGivesTheSameAnswer() {
            Tensor middle = Tensor.of(0, 1, 0);
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(
                    t -> Tensor.where(middle, Tensor.full(2.0, 3), t.sigmoid()).sum(), a);
            assertScalar(result.value(), 3.683632705452438);
            assertTensor(result.grad(), dims(3), 0.19661193324148185, 0, 0.045176659730912);
        }

        /**
         * There is nothing to overwrite: Tensor has no public mutator (no {@code set...}, no
         * {@code ..._}, no {@code ...InPlace}), its fields are private and final, and values go in
         * and out by copy (see TensorTest).
         */
        @Test
        void tensorHasNoInPlaceApi() {
            for (Method method : Tensor.class.getMethods()) {
                String name = method.getName();
                assertFalse(name.startsWith("set") || name.endsWith("_")
                        || name.toLowerCase().contains("inplace"), "mutator-like method " + name);
            }
            // Synthetic fields are the compiler's ($assertionsDisabled for the constructor's
            // storage assertion), not state.
            Arrays.stream(Tensor.class.getDeclaredFields()).filter(f -> !f.isSynthetic())
                    .forEach(field -> {
                assertTrue(Modifier.isPrivate(field.getModifiers()), field.getName());
                assertTrue(Modifier.isFinal(field.getModifiers()), field.getName());
            });
            assertTrue(Modifier.isFinal(Tensor.class.getModifiers()));
        }
    }

    @Nested
    @DisplayName("C20: reductions over zero elements (mean NaN, sum 0, max refused)")
    class C20 {
        @Test
        void meanOfAnEmptyVectorIsNaNAndItsSumIsZero() {
            Tensor x = Tensor.zeros(0);
            assertScalar(x.mean(), Double.NaN);
            assertScalar(x.sum(), 0);
        }

        @Test
        void reductionsAlongAnEmptyAxis() {
            Tensor x = Tensor.zeros(2, 0);
            assertTensor(x.mean(1, false), dims(2), Double.NaN, Double.NaN);
            assertTensor(x.sum(1, false), dims(2), 0, 0);
            assertTensor(x.mean(0, false), dims(0));
        }

        @Test
        void maxOfNothingIsAClearError() {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).max());
            assertTrue(error.getMessage().contains("max"), error.getMessage());
            assertTrue(error.getMessage().contains("size 0"), error.getMessage());
            assertTrue(error.getMessage().contains("no identity"), error.getMessage());
        }

        /** The core math of cross-entropy over an empty batch: mean NaN, sum 0, gradient [0, 4]. */
        @Test
        void crossEntropyMathOverAnEmptyBatch() {
            Tensor logits = Tensor.zeros(0, 4);
            Tensor targets = Tensor.oneHot(ImmutableIntArray.of(), 4);
            Function<Tensor, Tensor> perSample =
                    z -> z.logSoftmax(1).mul(targets).sum(1, false).neg();
            assertScalar(perSample.apply(logits).mean(), Double.NaN);
            ValueAndGrad<Tensor> sum =
                    Autodiff.valueAndGrad(z -> perSample.apply(z).sum(), logits);
            assertScalar(sum.value(), 0);
            assertTensor(sum.grad(), dims(0, 4));
        }
    }

    @Nested
    @DisplayName("N22: log1p near 0 keeps its precision, and so does its gradient")
    class N22 {
        /** The case's tolerance: relative 1e-15, absolute floor 1e-300; infinities exact. */
        private static final double RTOL = 1e-15;
        private static final double ATOL = 1e-300;

        /**
         * (i): log1p and its gradient 1 / (1 + x) where 1 + x cancels; log(1 + x) would give 0,
         * 0 and -1.000000082790371e-10 for the first three. (ii), expm1, waits for that op.
         */
        @Test
        void n22Log1pNearZeroAndItsGradient() {
            Tensor x = Tensor.of(1e-20, 5e-17, -1e-10, 1e-5, -0.5, 3, -1);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(t -> t.log1p().mul(Tensor.ones(7)).sum(), x);
            assertTensorWithin(x.log1p(), dims(7), ATOL, RTOL, 1e-20, 5e-17, -1.00000000005e-10,
                    9.999950000333332e-06, -0.6931471805599453, 1.3862943611198906,
                    Double.NEGATIVE_INFINITY);
            assertTensorWithin(Autodiff.grad(t -> t.log1p().slice(0, 0, 6, 1).sum(), x),
                    dims(7), ATOL, RTOL, 1, 1, 1.0000000001, 0.9999900000999989, 2, 0.25, 0);
            assertTensorWithin(Autodiff.vjp(Tensor::log1p, x).pullback().apply(Tensor.ones(7)),
                    dims(7), ATOL, RTOL, 1, 1, 1.0000000001, 0.9999900000999989, 2, 0.25,
                    Double.POSITIVE_INFINITY);
            assertClose(Double.NEGATIVE_INFINITY, result.value().item());
        }

        /**
         * The same cancellation through a composite: softplus(x) = log1p(e^x) for x <= 0, so
         * softplus(-40) = 4.248354255291589e-18 (log(1 + e^-40) is 0) and its gradient
         * sigmoid(-40) is the same number; at -700 both are 9.85967654375977e-305.
         */
        @Test
        void n22SoftplusInTheLeftTailKeepsLog1pPrecision() {
            Tensor x = Tensor.of(-40, -700);
            assertTensorWithin(x.softplus(), dims(2), ATOL, RTOL, 4.248354255291589e-18,
                    9.85967654375977e-305);
            assertTensorWithin(Autodiff.grad(t -> t.softplus().sum(), x), dims(2), ATOL, RTOL,
                    4.248354255291589e-18, 9.85967654375977e-305);
        }

        /** The gradient check agrees near log1p's pole when it is told the domain. */
        @Test
        void n22Log1pGradientAgreesNearItsPoleInsideTheDeclaredDomain() {
            jgrad.check.GradCheckReport report = jgrad.check.GradCheck.of(Tensor::log1p)
                    .domain(new Log1p().domain())
                    .reverseMode(Tensor.of(-1 + 1e-6, -0.5, 1e-20, 3));
            assertTrue(report.passed(), report.toString());
        }
    }
}
