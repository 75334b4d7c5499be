package jgrad.core;

import static jgrad.core.TensorTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edge cases found by trying jgrad as a new user would; each was wrong or unclear before. */
class EdgeCaseTest {

    @Nested
    class TapeInsideAutodiff {
        /** backward() inside grad: d/dx (d/dw w^3 at w = x) = 6x = 12 at 2, not a silent 0. */
        @Test
        void tapeGradientsAreDifferentiableByAnEnclosingGrad() {
            Tensor second = Autodiff.grad(x -> {
                Tensor w = x.requiresGrad();
                return w.mul(w).mul(w).backward().get(w);
            }, Tensor.scalar(2.0));
            assertEquals(12.0, second.item(), 1e-12);
        }

        @Test
        void autodiffResultsArePlainEvenWhenFUsesTheTape() {
            Tensor grad = Autodiff.grad(x -> x.requiresGrad().mul(x).sum(), Tensor.of(1, 2));
            assertFalse(grad.isTraced());
            assertEquals(2.0, grad.get(0), 0.0); // d/dx (x * x) with both factors tracing x
        }
    }

    @Nested
    class FromCodeReview {
        /** NumPy: isclose(1, inf) is False; an infinite reference must not accept everything. */
        @Test
        void nothingFiniteIsCloseToInfinity() {
            assertFalse(Tensor.of(1.0).allClose(Tensor.of(Double.POSITIVE_INFINITY), 1e-5, 1e-8));
            assertFalse(Tensor.of(Double.NEGATIVE_INFINITY)
                    .allClose(Tensor.of(Double.POSITIVE_INFINITY), 1e-5, 1e-8));
            assertTrue(Tensor.of(Double.POSITIVE_INFINITY)
                    .allClose(Tensor.of(Double.POSITIVE_INFINITY), 1e-5, 1e-8));
        }

        /** The composite x * w summed over the inner axis gives 1; matmul must agree. */
        @Test
        void matmulKeepsStrongZerosLikeItsComposite() {
            Tensor x = Tensor.of(new double[][] {{1}, {Double.NaN}});
            Tensor keep = Tensor.of(new double[][] {{1}, {0}});
            Tensor w = Tensor.of(new double[][] {{2}});
            Tensor viaMatmul = Autodiff.grad(
                    v -> Tensor.where(keep, x.matmul(v), Tensor.zeros(2, 1)).sum(), w);
            Tensor viaComposite = Autodiff.grad(
                    v -> Tensor.where(keep, x.mul(v).sum(1, true), Tensor.zeros(2, 1)).sum(), w);
            assertEquals(1.0, viaComposite.item(), 0.0);
            assertEquals(1.0, viaMatmul.item(), 0.0);
            Tensor viaLeft = Autodiff.grad(
                    v -> Tensor.where(keep, v.matmul(w.mul(Double.POSITIVE_INFINITY)),
                            Tensor.zeros(2, 1)).sum(), Tensor.of(new double[][] {{1}, {2}}));
            assertEquals(Double.POSITIVE_INFINITY, viaLeft.get(0, 0));
            assertEquals(0.0, viaLeft.get(1, 0), 0.0);
        }

        /** The value of a function of a requiresGrad() leaf still backpropagates to that leaf. */
        @Test
        void valueAndGradKeepsTheTapeGraphOfItsValue() {
            Tensor w = Tensor.of(1, 2, 3).requiresGrad();
            ValueAndGrad<Tensor> result =
                    Autodiff.valueAndGrad(x -> x.mul(w).sum(), Tensor.of(4, 5, 6));
            assertTrue(result.value().isTraced());
            Tensor grad = result.value().add(w.sum()).backward().get(w);
            assertTrue(grad.allClose(Tensor.of(5, 6, 7), 0, 0), grad.toString());
            assertFalse(result.grad().isTraced());
        }

        @Test
        void paramsNameARepeatedOrEmptyPath() {
            assertRejected(() -> Params.of("w", Tensor.zeros(1), "w", Tensor.zeros(1)),
                    "params", "w", "twice");
            assertRejected(() -> Params.of("", Tensor.zeros(1)), "params", "empty");
            assertRejected(() -> Params.concat(java.util.List.of(
                    java.util.Map.entry("a", Params.of("b.c", Tensor.zeros(1))),
                    java.util.Map.entry("a.b", Params.of("c", Tensor.zeros(1))))),
                    "params", "twice");
            // Map.of iterates in no fixed order: the paths would change from run to run.
            assertRejected(() -> Params.concat(java.util.Map.of(
                    "a", Params.of("w", Tensor.zeros(1)), "b", Params.of("w", Tensor.zeros(1)))),
                    "params: concat needs groups in a fixed order", "LinkedHashMap");
        }

        /** A float64 mask selects float32 branches: 0 and 1 are exact in both. */
        @Test
        void whereAcceptsAMaskOfAnotherDtype() {
            Tensor a = Tensor.of(1, 2).cast(DType.FLOAT32);
            Tensor b = Tensor.of(3, 4).cast(DType.FLOAT32);
            Tensor picked = Tensor.where(Tensor.of(1, 0), a, b);
            assertEquals(DType.FLOAT32, picked.dtype());
            assertEquals(4.0, picked.get(1), 0.0);
        }

        @Test
        void subReportsItsOwnName() {
            assertRejected(() -> Tensor.zeros(2, 3).sub(Tensor.zeros(4)), "sub", "[2, 3]", "[4]");
        }
    }

    @Nested
    class NaNAndEmpty {
        @Test
        void argmaxAgreesWithMaxOnNaN() {
            assertEquals(1.0, Tensor.of(1, Double.NaN, 2).argmax(0).item(), 0.0);
            assertTrue(Double.isNaN(Tensor.of(1, Double.NaN, 2).max().item()));
        }

        @Test
        void absOfNegativeZeroIsPositiveZeroAndAbsOfNaNIsNaN() {
            double[] values = Tensor.of(-0.0, Double.NaN, -2).abs().toArray();
            assertEquals(0x0L, Double.doubleToRawLongBits(values[0]));
            assertTrue(Double.isNaN(values[1]));
            assertEquals(2.0, values[2], 0.0);
        }

        @Test
        void softmaxOverAnEmptyAxisIsEmptyAndLogSumExpIsMinusInfinity() {
            assertEquals(Shape.of(2, 0), Tensor.zeros(2, 0).softmax(1).shape());
            assertEquals(Double.NEGATIVE_INFINITY, Tensor.zeros(0).logSumExp(0, false).item());
            Tensor rows = Tensor.zeros(3, 0).logSumExp(1, true);
            assertEquals(Shape.of(3, 1), rows.shape());
            assertEquals(Double.NEGATIVE_INFINITY, rows.get(2, 0));
        }
    }

    @Nested
    class BadInput {
        @Test
        void aResultTooLargeForAnArrayNamesTheOpAndShape() {
            assertRejected(() -> Tensor.zeros(50000, 0).matmul(Tensor.zeros(0, 50000)),
                    "matMul", "[50000, 50000]", "2^31 - 9");
        }

        @Test
        void arangeRejectsNaNBoundsAndHugeCounts() {
            assertRejected(() -> Tensor.arange(0, Double.NaN, 1), "arange", "NaN");
            assertRejected(() -> Tensor.arange(0, 1e10, 1), "arange", "elements");
        }

        @Test
        void nullOperandsNameTheOp() {
            NullPointerException error = assertThrows(NullPointerException.class,
                    () -> Tensor.zeros(2, 2).matmul(null));
            assertTrue(error.getMessage().contains("matmul"), error.getMessage());
            error = assertThrows(NullPointerException.class, () -> Tensor.where(null,
                    Tensor.zeros(2), Tensor.zeros(2)));
            assertTrue(error.getMessage() != null, "no message");
        }

        @Test
        void paramsNeverBroadcastAcrossAPath() {
            assertRejected(
                    () -> Params.of("w", Tensor.zeros(1)).plus(Params.of("w", Tensor.ones(3))),
                    "params", "w", "[1]", "[3]");
        }

        @Test
        void jvpNamesATangentOfTheWrongDtype() {
            assertRejected(() -> Autodiff.jvp(Tensor::exp, Tensor.of(1, 2),
                    Tensor.of(1, 2).cast(DType.FLOAT32)), "jvp", "float32", "float64");
        }
    }

    @Nested
    class Text {
        /** NumPy prints these as {@code [ 30.,  30., 100.,   1.]}, not in scientific notation. */
        @Test
        void valuesNearWholeNumbersPrintPlainly() {
            assertEquals("tensor([ 30.,  30., 100.,   1.], dtype=float64)",
                    Tensor.of(30.000000000000092, 29.9999999999, 100.00000001, 0.99999999999)
                            .toString());
        }

        @Test
        void largeAndSmallValuesPrintInScientificNotation() {
            assertEquals("tensor([ 1.e+08, 1.5e-07,     0.5], dtype=float64)",
                    Tensor.of(1e8, 1.5e-7, 0.5).toString());
        }

        @Test
        void scalarsPrintAtFullPrecisionWithNumPyNames() {
            assertEquals("tensor(1e-300, dtype=float64)", Tensor.scalar(1e-300).toString());
            assertEquals("tensor(nan, dtype=float64)", Tensor.scalar(Double.NaN).toString());
            assertEquals("tensor(-inf, dtype=float64)",
                    Tensor.scalar(Double.NEGATIVE_INFINITY).toString());
            assertEquals("tensor(0.1, dtype=float32)",
                    Tensor.scalar(0.1, DType.FLOAT32).toString());
            assertEquals("tensor(0.7864477329659274, dtype=float64)",
                    Tensor.scalar(0.7864477329659274).toString());
        }
    }
}
