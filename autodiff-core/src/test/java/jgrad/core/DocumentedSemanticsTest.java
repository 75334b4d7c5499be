package jgrad.core;

import static jgrad.core.CaseAssertions.assertScalar;
import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.dims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Semantics a user trial (issue 6) could not find in the javadoc, pinned as the javadoc now states
 * them: the gradient on ties of every max (C23a), reductions over an empty list of axes (C23b),
 * {@code transpose()} (C23c), {@code where} with NaN (C23d), exact int64 scalars (B15) and what
 * {@code jvp} takes and returns. Values are hand-derived (derivation in comments), tolerance
 * {@code 1e-12}.
 */
class DocumentedSemanticsTest {

    private static final double NAN = Double.NaN;

    @Nested
    @DisplayName("C23a: ties in every max share the gradient equally")
    class C23a {
        /** Three tied maxima in a row of [1, 4, 4, 4]: each gets 1/3; the 1 gets nothing. */
        @Test
        void maxAlongAnAxisGivesEachOfThreeTiesAThird() {
            Tensor x = Tensor.of(new double[][] {{4, 1, 4, 4}, {0, 2, 1, 2}});
            Tensor grad = Autodiff.grad(t -> t.max(new int[] {-1}, false).sum(), x);
            double third = 1.0 / 3;
            assertTensor(grad, dims(2, 4), third, 0, third, third, 0, 0.5, 0, 0.5);
        }

        /** Where the maximum is NaN, the NaN elements share the cotangent, the others get 0. */
        @Test
        void maxOfASliceWithTwoNaNsIsNaNAndTheNaNsShareTheGradient() {
            Tensor x = Tensor.of(NAN, 7, NAN);
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(Tensor::max, x);
            assertScalar(result.value(), NAN);
            assertTensor(result.grad(), dims(3), 0.5, 0, 0.5);
        }

        @Test
        void minSharesTiesAsMaxDoes() {
            Tensor grad = Autodiff.grad(Tensor::min, Tensor.of(-2, 5, -2, -2));
            double third = 1.0 / 3;
            assertTensor(grad, dims(4), third, 0, third, third);
        }

        /**
         * A 2x2 window [[1, 3], [3, 2]]: both 3s get 0.5. PyTorch 1.13's max_pool2d gives
         * [[0, 1], [0, 0]] (the whole gradient to the first 3); the totals agree.
         */
        @Test
        void maxPoolSplitsAWindowsGradientBetweenItsTiedMaximaUnlikePyTorch() {
            Tensor x = Tensor.of(new double[] {1, 3, 3, 2}, 1, 1, 2, 2);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(t -> t.maxPool2d(2).sum(), x);
            assertScalar(result.value(), 3);
            assertTensor(result.grad(), dims(1, 1, 2, 2), 0, 0.5, 0.5, 0);
            assertScalar(result.grad().sum(), 1); // what PyTorch's gradient sums to
        }

        @Test
        void maxPoolWindowHoldingNaNIsNaNAndItsNaNGetsTheGradient() {
            Tensor x = Tensor.of(new double[] {1, NAN, 3, 2}, 1, 1, 2, 2);
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(t -> t.maxPool2d(2).sum(), x);
            assertScalar(result.value(), NAN);
            assertTensor(result.grad(), dims(1, 1, 2, 2), 0, 1, 0, 0);
        }

        /** The infinity norm of [-3, 3, 1] is 3, tied by |-3| and |3|: gradients -0.5, 0.5, 0. */
        @Test
        void infinityNormSharesTiedMagnitudesWithTheirSigns() {
            Tensor grad = Autodiff.grad(
                    t -> t.norm(Double.POSITIVE_INFINITY), Tensor.of(-3, 3, 1));
            assertTensor(grad, dims(3), -0.5, 0.5, 0);
        }

        /** maximum(a, b) on a tie gives half to each; with a NaN both get the whole cotangent. */
        @Test
        void maximumSplitsATieInHalfAndGivesBothTheCotangentAtNaN() {
            Tensor a = Tensor.of(2, 5, NAN, 1);
            Tensor b = Tensor.of(2, 1, 0, NAN);
            assertTensor(a.maximum(b), dims(4), 2, 5, NAN, NAN);
            assertTensor(Autodiff.grad(t -> t.maximum(b).sum(), a), dims(4), 0.5, 1, 1, 1);
            assertTensor(Autodiff.grad(t -> a.maximum(t).sum(), b), dims(4), 0.5, 0, 1, 1);
            // maximum(x, x) is x: the two halves add up to the identity's gradient 1
            assertTensor(Autodiff.grad(t -> t.maximum(t).sum(), Tensor.of(3, -1)), dims(2), 1, 1);
        }

        @Test
        void minimumSplitsATieInHalf() {
            Tensor b = Tensor.of(2, 1);
            assertTensor(Autodiff.grad(t -> t.minimum(b).sum(), Tensor.of(2, 5)), dims(2), 0.5, 0);
        }
    }

    @Nested
    @DisplayName("C23b: an empty list of axes reduces nothing (NumPy and JAX axis=())")
    class C23b {
        private final Tensor x = Tensor.of(new double[] {-1, 0, 2, 3, -4, 5}, 2, 3);
        private final int[] none = new int[0];

        @Test
        void sumMeanMaxMinProdAndLogSumExpOverNoAxesReturnTheValuesUnchanged() {
            for (boolean keepDims : new boolean[] {false, true}) {
                for (Tensor reduced : new Tensor[] {x.sum(none, keepDims), x.mean(none, keepDims),
                        x.max(none, keepDims), x.min(none, keepDims), x.prod(none, keepDims),
                        x.logSumExp(none, keepDims)}) {
                    assertTensor(reduced, dims(2, 3), -1, 0, 2, 3, -4, 5);
                }
            }
        }

        /** One element per "slice": the variance is 0 with ddof 0, NaN with ddof 1 (n - 1 = 0). */
        @Test
        void varStdNormAnyAndAllOverNoAxesActOnEachElementAlone() {
            assertTensor(x.var(none, 0, false), dims(2, 3), 0, 0, 0, 0, 0, 0);
            assertTensor(x.var(none, 1, true), dims(2, 3), NAN, NAN, NAN, NAN, NAN, NAN);
            assertTensor(x.std(none, 0, false), dims(2, 3), 0, 0, 0, 0, 0, 0);
            assertTensor(x.norm(2, none, false), dims(2, 3), 1, 0, 2, 3, 4, 5);
            assertTensor(x.norm(1, none, false), dims(2, 3), 1, 0, 2, 3, 4, 5);
            assertTensor(x.any(none, false), dims(2, 3), 1, 0, 1, 1, 1, 1);
            assertTensor(x.all(none, false), dims(2, 3), 1, 0, 1, 1, 1, 1);
        }

        /** d/dx sum_{} (x) . w = w: the gradient passes through unchanged. */
        @Test
        void gradientOfASumOverNoAxesIsTheCotangentItself() {
            Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
            assertTensor(Autodiff.grad(t -> t.sum(none, false).mul(w).sum(), x), dims(2, 3),
                    1, 2, 3, 4, 5, 6);
            assertTensor(Autodiff.grad(t -> t.mean(none, false).mul(w).sum(), x), dims(2, 3),
                    1, 2, 3, 4, 5, 6);
        }

        /** PyTorch 1.13's sum(dim=[]) is 5 here; jgrad's is the identity, and sum() is 5. */
        @Test
        void everyAxisIsReducedOnlyWhenAskedFor() {
            assertScalar(x.sum(), 5);
            assertScalar(x.sum(new int[] {0, 1}, false), 5);
            assertTensor(Tensor.scalar(7).sum(none, false), dims(), 7);
            // an empty tensor keeps its shape: no axis of size 0 is reduced, so max is defined
            assertTensor(Tensor.zeros(0, 2).max(none, false), dims(0, 2));
        }
    }

    @Nested
    @DisplayName("C23c: transpose() reverses all axes (NumPy's and JAX's .T)")
    class C23c {
        @Test
        void transposeOfRankThreeReversesTheAxesAndIndices() {
            double[] values = new double[24];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            Tensor x = Tensor.of(values, 2, 3, 4);
            Tensor y = x.transpose();
            assertEquals(Shape.of(4, 3, 2), y.shape());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        assertEquals(x.get(i, j, k), y.get(k, j, i));
                    }
                }
            }
        }

        @Test
        void transposeOfAMatrixIsTheMatrixTranspose() {
            Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
            assertTensor(x.transpose(), dims(3, 2), 1, 4, 2, 5, 3, 6);
        }

        @Test
        void transposeBelowRankTwoIsTheIdentityAndReturnsTheSameTensor() {
            Tensor vector = Tensor.of(1, 2, 3);
            Tensor scalar = Tensor.scalar(4);
            assertSame(vector, vector.transpose());
            assertSame(scalar, scalar.transpose());
            assertTensor(Autodiff.grad(t -> t.transpose().mul(Tensor.of(5, 6, 7)).sum(), vector),
                    dims(3), 5, 6, 7);
        }

        /** The batched matrix transpose is swapAxes(-1, -2), not transpose(). */
        @Test
        void gradientOfTransposeIsTheCotangentTransposedBack() {
            Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
            Tensor w = Tensor.of(new double[] {10, 20, 30, 40, 50, 60}, 3, 2, 1);
            assertTensor(Autodiff.grad(t -> t.transpose().mul(w).sum(), x), dims(1, 2, 3),
                    10, 30, 50, 20, 40, 60);
            assertEquals(Shape.of(1, 3, 2), x.swapAxes(-1, -2).shape());
        }
    }

    @Nested
    @DisplayName("C23d: where with NaN masks and NaN in the branch not selected")
    class C23d {
        /** NaN > 0 and NaN <= 0 are both false: a NaN x takes the second branch either way. */
        @Test
        void comparisonsWithNaNAreFalseSoNaNTakesTheSecondBranch() {
            Tensor x = Tensor.of(NAN, -1, 2);
            Tensor seven = Tensor.full(7, 3);
            assertTensor(x.greater(0.0), dims(3), 0, 0, 1);
            assertTensor(Tensor.where(x.greater(0.0), x, seven), dims(3), 7, 7, 2);
            assertTensor(Tensor.where(x.lessEqual(0.0), x, seven), dims(3), 7, -1, 7);
            assertTensor(Tensor.where(x.notEqual(x), seven, x), dims(3), 7, -1, 2);
        }

        /** A NaN in the mask itself is non-zero, so true, whatever the branches' dtype. */
        @Test
        void maskValuesAreReadInTheMasksOwnDtypeSoNaNAndFractionsAreTrue() {
            Tensor mask = Tensor.of(0.5, NAN, 0, 1e-60);
            assertArrayEquals(new int[] {1, 1, 2, 1}, Tensor.where(mask,
                    Tensor.ofInts(1, 1, 1, 1), Tensor.ofInts(2, 2, 2, 2)).toIntArray());
            assertArrayEquals(new float[] {1, 1, 2, 1}, Tensor.where(mask,
                    Tensor.ofFloats(1, 1, 1, 1), Tensor.ofFloats(2, 2, 2, 2)).toFloatArray());
            assertTensor(Tensor.where(mask, Tensor.ones(4), Tensor.full(2, 4)), dims(4),
                    1, 1, 2, 1);
            Tensor intMask = Tensor.ofInts(3, 0);
            assertTensor(Tensor.where(intMask, Tensor.of(1, 1), Tensor.of(2, 2)), dims(2), 1, 2);
        }

        /**
         * sqrt(-1) is NaN and sqrt' there is NaN, log(0) is -Inf and log'(0) = +Inf; not selected,
         * neither reaches the value nor the gradient.
         */
        @Test
        void unselectedNaNOrInfiniteBranchLeavesValueAndGradientClean() {
            Function<Tensor, Tensor> safeSqrt =
                    t -> Tensor.where(t.greater(0.0), t.sqrt(), t.zerosLike()).sum();
            ValueAndGrad<Tensor> atMinusOne =
                    Autodiff.valueAndGrad(safeSqrt, Tensor.scalar(-1));
            assertScalar(atMinusOne.value(), 0);
            assertScalar(atMinusOne.grad(), 0);
            ValueAndGrad<Tensor> atZero = Autodiff.valueAndGrad(
                    t -> Tensor.where(t.greater(0.0), t.log(), t), Tensor.scalar(0));
            assertScalar(atZero.value(), 0);
            assertScalar(atZero.grad(), 1);
            // log(-2) is NaN but log'(-2) is finite: still only the square's 2x = -4 arrives
            assertScalar(Autodiff.grad(t -> Tensor.where(t.greater(0.0), t.log(), t.square()),
                    Tensor.scalar(-2)), -4);
        }

        /** At x = NaN the mask is 0: the value is 3 NaN = NaN and the gradient is 3, from b. */
        @Test
        void nanInputFollowsTheFalseBranchInTheGradientToo() {
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(
                    t -> Tensor.where(t.greater(0.0), t.square(), t.mul(3)), Tensor.scalar(NAN));
            assertScalar(result.value(), NAN);
            assertScalar(result.grad(), 3);
        }

        /** mask [2, 1], a [1, 3], b []: a's gradient sums over rows, b's over all non-selected. */
        @Test
        void broadcastBranchesGetGradientsSummedToTheirShapes() {
            Tensor mask = Tensor.of(new double[] {1, 0}, 2, 1);
            Tensor a = Tensor.of(new double[] {1, 2, 3}, 1, 3);
            Tensor b = Tensor.scalar(9);
            assertTensor(Autodiff.grad(t -> Tensor.where(mask, t, b).sum(), a), dims(1, 3),
                    1, 1, 1);
            assertTensor(Autodiff.grad(t -> Tensor.where(mask, a, t).sum(), b), dims(), 3);
        }
    }

    @Nested
    @DisplayName("B15: integer scalars are exact through itemLong()")
    class B15 {
        private static final long TWO_TO_53_PLUS_1 = (1L << 53) + 1;

        @Test
        void itemLongOfAnInt64TensorIsExactBeyondTwoToThe53() {
            Tensor x = Tensor.ofLongs(TWO_TO_53_PLUS_1).reshape();
            assertEquals(TWO_TO_53_PLUS_1, x.itemLong());
            assertEquals(Long.MIN_VALUE, Tensor.ofLongs(Long.MIN_VALUE).itemLong());
            assertArrayEquals(new long[] {TWO_TO_53_PLUS_1},
                    Tensor.ofLongs(TWO_TO_53_PLUS_1).toLongArray());
        }

        /** item() is a double, as documented: 2^53 + 1 rounds to the even neighbour 2^53. */
        @Test
        void itemOfAnInt64TensorRoundsToTheNearestDouble() {
            assertEquals(9007199254740992.0, Tensor.ofLongs(TWO_TO_53_PLUS_1).item());
        }

        @Test
        void itemLongOfAnInt32TensorWidensExactly() {
            assertEquals(Integer.MIN_VALUE, Tensor.ofInts(Integer.MIN_VALUE).itemLong());
        }

        @Test
        void itemLongRefusesFloatTensorsAndTensorsOfOtherSizes() {
            IllegalStateException floating =
                    assertThrows(IllegalStateException.class, () -> Tensor.scalar(1).itemLong());
            assertTrue(floating.getMessage().contains("float64"), floating.getMessage());
            IllegalStateException many =
                    assertThrows(IllegalStateException.class, () -> Tensor.ofLongs(1, 2).itemLong());
            assertTrue(many.getMessage().contains("itemLong"), many.getMessage());
        }
    }

    @Nested
    @DisplayName("jvp: primal and tangent in, primal output and output tangent out")
    class JvpContract {
        /** y = x^2 elementwise, J = diag(2x): J t = 2 x t. */
        @Test
        void jvpReturnsThePrimalOutputAndTheOutputTangentOfAnyShape() {
            Tensor x = Tensor.of(1, 2, 3);
            Jvp jvp = Autodiff.jvp(Tensor::square, x, Tensor.of(1, 0, 10));
            assertTensor(jvp.output(), dims(3), 1, 4, 9);
            assertTensor(jvp.tangent(), dims(3), 2, 0, 60);
        }

        /** y = row sums of x [2, 3] -> [2]; J t = row sums of t. */
        @Test
        void outputTangentHasTheOutputsShapeNotTheInputs() {
            Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
            Tensor t = Tensor.of(new double[][] {{1, 0, 0}, {1, 1, 1}});
            Jvp jvp = Autodiff.jvp(v -> v.sum(1), x, t);
            assertTensor(jvp.output(), dims(2), 6, 15);
            assertTensor(jvp.tangent(), dims(2), 1, 3);
        }

        @Test
        void outputTangentHasTheOutputsDtype() {
            Jvp jvp = Autodiff.jvp(Tensor::exp, Tensor.ofFloats(0f), Tensor.ofFloats(2f));
            assertEquals(DType.FLOAT32, jvp.tangent().dtype());
            assertEquals(2.0, jvp.tangent().item());
        }

        @Test
        void tangentOfAnotherShapeOrDtypeIsRefused() {
            Tensor x = Tensor.of(1, 2);
            assertThrows(IllegalArgumentException.class,
                    () -> Autodiff.jvp(Tensor::exp, x, Tensor.of(1, 2, 3)));
            assertThrows(IllegalArgumentException.class,
                    () -> Autodiff.jvp(Tensor::exp, x, Tensor.ofFloats(1, 2)));
        }

        /** f = sum(w * x) + b^2 at w = [1, 2], b = 3 in the direction (w: [1, 1], b: 1): 3 + 6. */
        @Test
        void jvpOfParamsSumsThePathsAndRefusesATangentOfAnotherDtype() {
            Tensor x = Tensor.of(1, 2);
            Params params = Params.of("w", Tensor.of(1, 2), "b", Tensor.scalar(3));
            Function<Params, Tensor> f = p -> p.get("w").mul(x).sum().add(p.get("b").square());
            Jvp jvp = Autodiff.jvp(f, params,
                    Params.of("w", Tensor.of(1, 1), "b", Tensor.scalar(1)));
            assertScalar(jvp.output(), 14);
            assertScalar(jvp.tangent(), 9);
            IllegalArgumentException wrongDtype = assertThrows(IllegalArgumentException.class,
                    () -> Autodiff.jvp(f, params, Params.of(
                            "w", Tensor.ofFloats(1, 1), "b", Tensor.scalar(1))));
            assertTrue(wrongDtype.getMessage().contains("at w"), wrongDtype.getMessage());
        }
    }
}
