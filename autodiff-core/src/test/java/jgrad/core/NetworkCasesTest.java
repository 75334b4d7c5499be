package jgrad.core;

import static jgrad.core.CaseAssertions.assertScalar;
import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The network cases of shared/cases/CASES.md that belong to the core (N01 convolution, N02
 * average pooling, N05 dropout), one nested class per case with the case's values and tolerance
 * ({@code |got - want| <= 1e-12 + 1e-12 |want|}, shapes checked), and beside each part a sibling
 * test of the same kind of fault on other values (hand-derived, confirmed with PyTorch 1.13).
 */
class NetworkCasesTest {

    @Nested
    @DisplayName("N01: strided, padded, dilated conv2d: input and weight gradients")
    class N01 {

        /** (i): stride 2, padding 1; L = sum(G * y) with G = 1..9. */
        @Test
        void n01StrideTwoPaddingOneGivesTheInputAndWeightGradientsOfTheCase() {
            Tensor x = Tensor.arange(25).add(1).reshape(1, 1, 5, 5);
            Tensor w = Tensor.of(new double[] {1, 2, -1, 0, 3, 1, 2, -1, 1}, 1, 1, 3, 3);
            Tensor g = Tensor.arange(9).add(1).reshape(1, 1, 3, 3);
            ConvOptions options = ConvOptions.defaults().withStride(2).withPadding(1);
            assertTensor(x.conv2d(w, options), dims(1, 1, 3, 3),
                    6, 28, 23, 51, 102, 92, 100, 127, 134);
            ImmutableList<Tensor> grads = Autodiff.grad(
                    (a, b) -> a.conv2d(b, options).mul(g).sum(), x, w);
            assertScalar(x.conv2d(w, options).mul(g).sum(), 4319);
            assertTensor(grads.get(0), dims(1, 1, 5, 5), 3, 1, 6, 2, 9, 7, 6, 8, 9, 9, 12, 4, 15,
                    5, 18, 10, 15, 11, 18, 12, 21, 7, 24, 8, 27);
            assertTensor(grads.get(1), dims(1, 1, 3, 3), 396, 560, 344, 552, 777, 474, 240, 326,
                    188);
        }

        /** (ii): stride 2, no padding: the last row and column are never read, gradient 0. */
        @Test
        void n01StrideTwoWithoutPaddingGivesExactZerosWhereNoWindowReads() {
            Tensor x = Tensor.arange(36).add(1).reshape(1, 1, 6, 6);
            Tensor w = Tensor.arange(9).add(1).reshape(1, 1, 3, 3);
            ConvOptions options = ConvOptions.defaults().withStride(2);
            assertTensor(x.conv2d(w, options), dims(1, 1, 2, 2), 474, 564, 1014, 1104);
            ImmutableList<Tensor> grads = Autodiff.grad(
                    (a, b) -> a.conv2d(b, options).sum(), x, w);
            assertTensor(grads.get(0), dims(1, 1, 6, 6),
                    1, 2, 4, 2, 3, 0,
                    4, 5, 10, 5, 6, 0,
                    8, 10, 20, 10, 12, 0,
                    4, 5, 10, 5, 6, 0,
                    7, 8, 16, 8, 9, 0,
                    0, 0, 0, 0, 0, 0);
            assertTensor(grads.get(1), dims(1, 1, 3, 3), 32, 36, 40, 56, 60, 64, 80, 84, 88);
        }

        /** (iii): dilation 2, stride 2, padding 1 along the width of a height-1 conv2d. */
        @Test
        void n01DilationTwoStrideTwoPaddingOneAlongTheWidthReadsOnlyTheSecondInput() {
            Tensor x = Tensor.of(new double[] {7, 3, 3, 2}, 2, 1, 1, 2);
            Tensor w = Tensor.of(new double[] {3, 6, 4, 2}, 2, 1, 1, 2);
            ConvOptions options = ConvOptions.defaults().withStride(2).withPadding(0, 1)
                    .withDilation(2);
            assertTensor(x.conv2d(w, options), dims(2, 2, 1, 1), 18, 6, 12, 4);
            ImmutableList<Tensor> grads = Autodiff.grad(
                    (a, b) -> a.conv2d(b, options).sum(), x, w);
            assertTensor(grads.get(1), dims(2, 1, 1, 2), 0, 5, 0, 5);
            assertTensor(grads.get(0), dims(2, 1, 1, 2), 0, 8, 0, 8);
        }

        /**
         * Same kind, one dimension: conv1d of 1..7 with w = [2, -1], stride 3 reads windows [0, 1]
         * and [3, 4] only; y = [0, 3], grad x = [2, -1, 0, 2, -1, 0, 0] (the tail exactly 0),
         * grad w = [1 + 4, 2 + 5] with no normalisation.
         */
        @Test
        void n01SameKindStrideThreeConv1dLeavesItsUnreadTailAtExactlyZero() {
            Tensor x = Tensor.arange(7).add(1).reshape(1, 1, 7);
            Tensor w = Tensor.of(new double[] {2, -1}, 1, 1, 2);
            ConvOptions options = ConvOptions.defaults().withStride(3);
            assertTensor(x.conv1d(w, options), dims(1, 1, 2), 0, 3);
            ImmutableList<Tensor> grads = Autodiff.grad(
                    (a, b) -> a.conv1d(b, options).sum(), x, w);
            assertTensor(grads.get(0), dims(1, 1, 7), 2, -1, 0, 2, -1, 0, 0);
            assertTensor(grads.get(1), dims(1, 1, 2), 5, 7);
        }
    }

    @Nested
    @DisplayName("N02: average pooling divides by the same count forward and backward")
    class N02 {
        private final Tensor x = Tensor.arange(16).add(1).reshape(1, 1, 4, 4);
        private final AvgPoolOptions options = AvgPoolOptions.of(3).withStride(2).withPadding(1);

        @Test
        void n02CountIncludePadDividesEveryWindowByNine() {
            assertTensor(x.avgPool2d(options), dims(1, 1, 2, 2),
                    1.5555555555555556, 3.3333333333333335, 6.333333333333333, 11);
            double n = 1.0 / 9;
            assertTensor(Autodiff.grad(t -> t.avgPool2d(options).sum(), x), dims(1, 1, 4, 4),
                    n, 2 * n, n, n, 2 * n, 4 * n, 2 * n, 2 * n, n, 2 * n, n, n, n, 2 * n, n, n);
        }

        @Test
        void n02WithoutCountIncludePadDividesByTheRealCellsFourSixSixNine() {
            AvgPoolOptions exclude = options.withCountIncludePad(false);
            assertTensor(x.avgPool2d(exclude), dims(1, 1, 2, 2), 3.5, 5, 9.5, 11);
            assertTensor(Autodiff.grad(t -> t.avgPool2d(exclude).sum(), x), dims(1, 1, 4, 4),
                    0.25, 0.41666666666666663, 0.16666666666666666, 0.16666666666666666,
                    0.41666666666666663, 0.6944444444444444, 0.2777777777777778,
                    0.2777777777777778, 0.16666666666666666, 0.2777777777777778, 1.0 / 9,
                    1.0 / 9, 0.16666666666666666, 0.2777777777777778, 1.0 / 9, 1.0 / 9);
        }

        /** burn #5604: the overhanging last window of ceil mode holds one cell, divisor 1. */
        @Test
        void n02CeilModeDividesTheOverhangingLastWindowByItsOneCellEitherWay() {
            Tensor v = Tensor.of(1, 2, 3, 4, 5).reshape(1, 1, 5);
            for (boolean include : new boolean[] {true, false}) {
                AvgPoolOptions ceil = AvgPoolOptions.of(2).withStride(2).withCeilMode(true)
                        .withCountIncludePad(include);
                assertTensor(v.avgPool1d(ceil), dims(1, 1, 3), 1.5, 3.5, 5);
                assertTensor(Autodiff.grad(t -> t.avgPool1d(ceil).sum(), v), dims(1, 1, 5),
                        0.5, 0.5, 0.5, 0.5, 1);
            }
        }

        /**
         * Same kind with padding and ceil mode together: 1..5, kernel 3, stride 2, padding 1;
         * windows [-1, 1], [1, 3], [3, 5] where -1 and 5 are padding. Counting padding, every
         * divisor is 3: y = [1, 3, 3]; without it 2, 3, 2: y = [1.5, 3, 4.5]; the gradients use
         * the same divisors.
         */
        @Test
        void n02SameKindPaddedCeilModeWindowsUseOneDivisorInBothPasses() {
            Tensor v = Tensor.of(1, 2, 3, 4, 5).reshape(1, 1, 5);
            AvgPoolOptions include = AvgPoolOptions.of(3).withStride(2).withPadding(1)
                    .withCeilMode(true);
            AvgPoolOptions exclude = include.withCountIncludePad(false);
            double third = 1.0 / 3;
            assertTensor(v.avgPool1d(include), dims(1, 1, 3), 1, 3, 3);
            assertTensor(Autodiff.grad(t -> t.avgPool1d(include).sum(), v), dims(1, 1, 5),
                    third, 2 * third, third, 2 * third, third);
            assertTensor(v.avgPool1d(exclude), dims(1, 1, 3), 1.5, 3, 4.5);
            assertTensor(Autodiff.grad(t -> t.avgPool1d(exclude).sum(), v), dims(1, 1, 5),
                    0.5, 0.5 + third, third, third + 0.5, 0.5);
        }
    }

    @Nested
    @DisplayName("N05: dropout scales by 1/(1 - p) in training, not in evaluation; p = 1 gives 0")
    class N05 {
        private final Tensor x = Tensor.of(1, 2, 3, 4, 5, 6, 7, 8);
        private final Tensor mask = Tensor.of(1, 0, 1, 1, 0, 1, 1, 1);
        private final Tensor c = Tensor.of(1, 1, 1, 1, 1, 1, 2, -1);

        @Test
        void n05TrainingScalesTheKeptValuesByOneOverTheKeepProbability() {
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(
                    t -> t.dropout(0.25, mask).mul(c).sum(), x);
            assertTensor(x.dropout(0.25, mask), dims(8), 1.3333333333333333, 0, 4,
                    5.333333333333333, 0, 8, 9.333333333333334, 10.666666666666666);
            assertScalar(result.value(), 26.666666666666664);
            assertTensor(result.grad(), dims(8), 1.3333333333333333, 0, 1.3333333333333333,
                    1.3333333333333333, 0, 1.3333333333333333, 2.6666666666666665,
                    -1.3333333333333333);
        }

        @Test
        void n05EvaluationModeReturnsTheInputAndItsGradientUnscaled() {
            SplittableRandom rng = new SplittableRandom(5);
            assertSame(x, x.dropout(0.25, false, rng));
            assertTensor(Autodiff.grad(t -> t.dropout(0.25, false, rng).mul(c).sum(), x),
                    dims(8), 1, 1, 1, 1, 1, 1, 2, -1);
        }

        @Test
        void n05ProbabilityOneGivesZerosAndZeroGradientsNotNaN() {
            SplittableRandom rng = new SplittableRandom(5);
            assertTensor(x.dropout(1, true, rng), dims(8), 0, 0, 0, 0, 0, 0, 0, 0);
            assertTensor(Autodiff.grad(t -> t.dropout(1, true, rng).mul(c).sum(), x), dims(8),
                    0, 0, 0, 0, 0, 0, 0, 0);
            assertTensor(Autodiff.grad(t -> t.dropout(1, mask).mul(c).sum(), x), dims(8),
                    0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** (iv): p = 0.5 on 100 000 ones from a fixed seed; the mean stays 1 within 0.02. */
        @Test
        void n05TheSeededRandomPathKeepsTheMeanWithinTwoPercent() {
            Tensor ones = Tensor.ones(100_000);
            Tensor y = ones.dropout(0.5, true, new SplittableRandom(42));
            double mean = y.mean().item();
            assertTrue(Math.abs(mean - 1) <= 0.02, "mean " + mean);
            long kept = Arrays.stream(y.toArray()).filter(v -> v != 0).count();
            assertTrue(Arrays.stream(y.toArray()).allMatch(v -> v == 0 || v == 2));
            assertEquals(mean, 2.0 * kept / 100_000, 1e-12);
        }

        /**
         * Same kind: infinite and NaN inputs in dropped places give 0 and gradient 0 (a mask
         * multiplication would give NaN there); the kept ones scale by 1/(1 - 0.2) = 1.25.
         */
        @Test
        void n05SameKindDroppedInfiniteAndNaNInputsGiveZeroNotNaN() {
            Tensor v = Tensor.of(Double.POSITIVE_INFINITY, Double.NaN, 2, -4);
            Tensor keep = Tensor.of(0, 0, 1, 1);
            assertTensor(v.dropout(0.2, keep), dims(4), 0, 0, 2.5, -5);
            assertTensor(Autodiff.grad(t -> t.dropout(0.2, keep).sum(), v), dims(4),
                    0, 0, 1.25, 1.25);
        }
    }
}
