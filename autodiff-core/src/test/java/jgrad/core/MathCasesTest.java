package jgrad.core;

import static jgrad.core.CaseAssertions.assertScalar;
import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.assertTensorWithin;
import static jgrad.core.CaseAssertions.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The failure cases of shared/cases/CASES.md about the elementwise operations and reductions
 * (N14, N15, N22), one nested class per case with the case's values and tolerance (|got - want|
 * <= 1e-12 + 1e-12 |want| unless the case says otherwise; shapes checked), each with a sibling
 * test of the same kind of fault on other values or another operation.
 */
class MathCasesTest {

    @Nested
    @DisplayName("N14: cumprod and cumsum gradients with zeros in the input and zero length")
    class N14 {
        private Tensor gradOfSumOfCumprod(double... x) {
            return Autodiff.grad(t -> t.cumprod(0).sum(), Tensor.of(x));
        }

        @Test
        void n14CumprodGradientsWithZerosAreExact() {
            assertTensor(gradOfSumOfCumprod(0, 2, 3), dims(3), 9, 0, 0);
            assertTensor(gradOfSumOfCumprod(2, 3, 0), dims(3), 4, 2, 6);
            assertTensor(gradOfSumOfCumprod(2, 0, 0, 3), dims(4), 1, 2, 0, 0);
            assertTensor(gradOfSumOfCumprod(0, 0), dims(2), 1, 0);
            assertTensor(gradOfSumOfCumprod(1, 2, 3), dims(3), 9, 4, 2);
        }

        @Test
        void n14CumsumGradientIsTheReversedRunningSumAndEmptyInputsPass() {
            Tensor c = Tensor.of(1, 10, 100);
            assertTensor(Autodiff.grad(t -> t.cumsum(0).mul(c).sum(), Tensor.of(4, -1, 2)),
                    dims(3), 111, 110, 100);
            ValueAndGrad<Tensor> empty =
                    Autodiff.valueAndGrad(t -> t.cumsum(1).sum(), Tensor.zeros(2, 0));
            assertScalar(empty.value(), 0);
            assertEquals(Shape.of(2, 0), empty.grad().shape());
            ValueAndGrad<Tensor> emptyProducts =
                    Autodiff.valueAndGrad(t -> t.cumprod(1).sum(), Tensor.zeros(2, 0));
            assertScalar(emptyProducts.value(), 0);
            assertEquals(Shape.of(2, 0), emptyProducts.grad().shape());
        }

        /** Sibling, another op: prod's gradient is also prod / x, 0 / 0 at zeros. */
        @Test
        void n14SiblingProdGradientsWithOneAndTwoZeros() {
            assertTensor(Autodiff.grad(Tensor::prod, Tensor.of(2, 0, 3)), dims(3), 0, 6, 0);
            assertTensor(Autodiff.grad(Tensor::prod, Tensor.of(0, 0, 3)), dims(3), 0, 0, 0);
            assertTensor(Autodiff.grad(Tensor::prod, Tensor.of(2, 3, 4)), dims(3), 12, 8, 6);
            Tensor rows = Tensor.of(new double[][] {{2, 0, 3}, {1.5, 2, -1}, {0, 0, 4}});
            assertTensor(Autodiff.grad(t -> t.prod(1, false).sum(), rows), dims(3, 3),
                    0, 6, 0, -2, -1.5, 3, 0, 0, 0);
        }

        /**
         * Sibling, other values and order: the second derivative at zeros. For {@code L = x0 +
         * x0 x1 + x0 x1 x2 (+ x0 x1 x2 x3)} the gradient of {@code sum(grad L)} is the row sums
         * of the Hessian: at [0, 2, 3] the Hessian is [[0, 4, 2], [4, 0, 0], [2, 0, 0]], so [6, 4,
         * 2]; at [2, 0, 0, 3] its non-zero entries are H01 = 1 + x2 + x2 x3 = 1, H12 = x0 (1 +
         * x3) = 8, so [1, 9, 8, 0] (H12 joins two zeros, which a rule that returns a constant 0
         * after the first zero would lose).
         */
        @Test
        void n14SiblingSecondDerivativesOfCumprodAtZeros() {
            Function<Tensor, Tensor> sumOfGrad =
                    y -> Autodiff.grad(t -> t.cumprod(0).sum(), y).sum();
            assertTensor(Autodiff.grad(sumOfGrad, Tensor.of(0, 2, 3)), dims(3), 6, 4, 2);
            assertTensor(Autodiff.grad(sumOfGrad, Tensor.of(2, 0, 0, 3)), dims(4), 1, 9, 8, 0);
        }

        /** Sibling, another shape: the same values along axis 1 of a matrix, both directions. */
        @Test
        void n14SiblingCumprodAlongAnAxisOfAMatrix() {
            Tensor x = Tensor.of(new double[][] {{0, 2, 3}, {2, 3, 0}});
            assertTensor(Autodiff.grad(t -> t.cumprod(-1).sum(), x), dims(2, 3),
                    9, 0, 0, 4, 2, 6);
            assertTensor(x.cumprod(1), dims(2, 3), 0, 0, 0, 2, 6, 0);
            assertTensor(x.cumsum(0), dims(2, 3), 0, 2, 3, 2, 5, 3);
        }
    }

    @Nested
    @DisplayName("N15: variance and standard deviation: ddof, one element, constant input")
    class N15 {
        private final Tensor x = Tensor.of(1, 2, 4);
        private final int[] axis0 = {0};

        @Test
        void n15VarianceAndStdWithDdofZero() {
            ValueAndGrad<Tensor> var = Autodiff.valueAndGrad(Tensor::var, x);
            assertScalar(var.value(), 1.5555555555555556);
            assertTensor(var.grad(), dims(3),
                    -0.8888888888888888, -0.2222222222222222, 1.1111111111111112);
            ValueAndGrad<Tensor> std = Autodiff.valueAndGrad(Tensor::std, x);
            assertScalar(std.value(), 1.247219128924647);
            assertTensor(std.grad(), dims(3),
                    -0.3563483225498992, -0.0890870806374748, 0.445435403187374);
        }

        @Test
        void n15VarianceAndStdWithDdofOne() {
            ValueAndGrad<Tensor> var = Autodiff.valueAndGrad(t -> t.var(axis0, 1, false), x);
            assertScalar(var.value(), 2.3333333333333335);
            assertTensor(var.grad(), dims(3),
                    -1.3333333333333333, -0.3333333333333333, 1.6666666666666667);
            ValueAndGrad<Tensor> std = Autodiff.valueAndGrad(t -> t.std(axis0, 1, false), x);
            assertScalar(std.value(), 1.5275252316519468);
            assertTensor(std.grad(), dims(3),
                    -0.4364357804719847, -0.10910894511799618, 0.5455447255899809);
        }

        @Test
        void n15OneElementIsNaNWithDdofOneAndZeroWithDdofZero() {
            ValueAndGrad<Tensor> unbiased =
                    Autodiff.valueAndGrad(t -> t.var(axis0, 1, false), Tensor.of(5));
            assertScalar(unbiased.value(), Double.NaN);
            assertTensor(unbiased.grad(), dims(1), Double.NaN);
            ValueAndGrad<Tensor> biased =
                    Autodiff.valueAndGrad(t -> t.var(axis0, 0, false), Tensor.of(5));
            assertScalar(biased.value(), 0);
            assertTensor(biased.grad(), dims(1), 0);
            // torch 1.13 raises on var([5]).backward(); the unbiased std is NaN here too.
            assertTensor(Autodiff.grad(t -> t.std(axis0, 1, false), Tensor.of(5)), dims(1),
                    Double.NaN);
        }

        @Test
        void n15ConstantInputHasStdGradientZeroWithEitherDdof() {
            Tensor constant = Tensor.of(3, 3, 3);
            for (int ddof = 0; ddof <= 1; ddof++) {
                int d = ddof;
                ValueAndGrad<Tensor> std =
                        Autodiff.valueAndGrad(t -> t.std(axis0, d, false), constant);
                assertScalar(std.value(), 0);
                assertTensor(std.grad(), dims(3), 0, 0, 0);
            }
        }

        /** The case's torch note: var over axis 1 of [[5], [6]] has one element per row. */
        @Test
        void n15OneElementPerRowGivesNaNRowsWithDdofOne() {
            Tensor rows = Tensor.of(new double[][] {{5}, {6}});
            ValueAndGrad<Tensor> var = Autodiff.valueAndGrad(
                    t -> t.var(new int[] {1}, 1, false).sum(), rows);
            assertScalar(var.value(), Double.NaN);
            assertTensor(var.grad(), dims(2, 1), Double.NaN, Double.NaN);
        }

        /**
         * Sibling, other values: along axis 0 of [[1, 2], [3, 6]] with keepDims and ddof 1. Columns
         * [1, 3] (mean 2) and [2, 6] (mean 4): var = [2, 8], grad of their sum 2 (x - mean) / 1 =
         * [[-2, -4], [2, 4]]; std = [sqrt 2, 2 sqrt 2], grad (x - mean) / std = -+1 / sqrt 2.
         */
        @Test
        void n15SiblingVarianceAndStdAlongAnAxisWithKeepDims() {
            Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 6}});
            ValueAndGrad<Tensor> var =
                    Autodiff.valueAndGrad(t -> t.var(axis0, 1, true).sum(), m);
            assertTensor(m.var(axis0, 1, true), dims(1, 2), 2, 8);
            assertTensor(var.grad(), dims(2, 2), -2, -4, 2, 4);
            double r = Math.sqrt(0.5);
            assertTensor(m.std(axis0, 1, true), dims(1, 2), Math.sqrt(2), 2 * Math.sqrt(2));
            assertTensor(Autodiff.grad(t -> t.std(axis0, 1, true).sum(), m), dims(2, 2),
                    -r, -r, r, r);
        }

        /** Sibling, the divisor's other edge: ddof beyond n is NaN too (NumPy gives +Inf). */
        @Test
        void n15SiblingDdofBeyondTheCountIsNaN() {
            ValueAndGrad<Tensor> var =
                    Autodiff.valueAndGrad(t -> t.var(axis0, 3, false), Tensor.of(1, 2));
            assertScalar(var.value(), Double.NaN);
            assertTensor(var.grad(), dims(2), Double.NaN, Double.NaN);
        }
    }

    @Nested
    @DisplayName("N22: log1p and expm1 near 0")
    class N22 {
        /** The case's tolerance: relative 1e-15, absolute floor 1e-300, infinities exact. */
        private static final double RTOL = 1e-15;
        private static final double ATOL = 1e-300;

        @Test
        void n22Log1pValuesAndGradientsNearZero() {
            Tensor x = Tensor.of(1e-20, 5e-17, -1e-10, 1e-5, -0.5, 3, -1);
            assertTensorWithin(x.log1p(), dims(7), ATOL, RTOL, 1e-20, 5e-17, -1.00000000005e-10,
                    9.999950000333332e-06, -0.6931471805599453, 1.3862943611198906,
                    Double.NEGATIVE_INFINITY);
            assertTensorWithin(Autodiff.grad(t -> t.log1p().sum(), x), dims(7), ATOL, RTOL,
                    1, 1, 1.0000000001, 0.9999900000999989, 2, 0.25, Double.POSITIVE_INFINITY);
        }

        @Test
        void n22Expm1ValuesAndGradientsNearZero() {
            Tensor x = Tensor.of(1e-10, -1e-20, 1e-5);
            assertTensorWithin(x.expm1(), dims(3), ATOL, RTOL,
                    1.00000000005e-10, -1e-20, 1.0000050000166668e-05);
            assertTensorWithin(Autodiff.grad(t -> t.expm1().sum(), x), dims(3), ATOL, RTOL,
                    1.0000000001, 1, 1.00001000005);
        }

        /** The check can fail: the naive exp(x) - 1 gives the case's wrong values. */
        @Test
        void n22NaiveExpMinusOneGivesTheWrongValues() {
            double[] naive = Tensor.of(1e-10, -1e-20).exp().sub(1.0).toArray();
            assertEquals(1.000000082740371e-10, naive[0], 1e-25);
            assertEquals(0.0, naive[1]);
            assertNotEquals(1.00000000005e-10, naive[0]);
        }

        /**
         * Sibling, another op built on expm1: ELU at {@code x = -1e-6} is {@code 1.5 (e^x - 1) =
         * -1.49999925000025e-06} (mpmath); PyTorch 1.13's {@code exp(x) - 1} gives
         * -1.499999249976458e-06.
         */
        @Test
        void n22SiblingEluNearZeroIsAccurate() {
            Tensor x = Tensor.of(-1e-6, -1e-12);
            assertTensorWithin(x.elu(1.5), dims(2), ATOL, RTOL,
                    -1.49999925000025e-06, -1.49999999999925e-12);
        }

        /**
         * Sibling, another cancellation of the same kind: sinh and its derivative cosh near 0, and
         * cosh's derivative sinh at {@code -1e-8} ({@code -1e-8} to 1e-16 relative), which the
         * composite {@code (e^x - e^-x) / 2} gets 6e-9 wrong.
         */
        @Test
        void n22SiblingHyperbolicFunctionsNearZero() {
            Tensor x = Tensor.of(1e-10, -1e-8);
            assertTensorWithin(x.sinh(), dims(2), ATOL, RTOL, 1e-10, -1.0000000000000000e-08);
            assertTensorWithin(Autodiff.grad(t -> t.cosh().sum(), x), dims(2), ATOL, RTOL,
                    1e-10, -1.0000000000000000e-08);
            assertTrue(Arrays.stream(Autodiff.grad(t -> t.sinh().sum(), x).toArray())
                    .allMatch(v -> v == 1.0));
        }
    }
}
