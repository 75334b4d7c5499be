package jgrad.core;

import static jgrad.core.CaseAssertions.assertClose;
import static jgrad.core.CaseAssertions.assertScalar;
import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.dims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Examples for the elementwise math and the reductions of issue 6: the conventions at
 * non-differentiable points (hand-derived, tolerance 1e-12), accuracy where naive forms cancel
 * (values from 40-digit mpmath, stated in each test), errors, integer dtypes and float32.
 */
class MathOpsTest {

    @Nested
    class Conventions {
        /** d/dx [sign(x) x] = sign(x) + sign'(x) x = sign(x): sign' = 0, also at 0. */
        @Test
        void signHasDerivativeZeroEverywhereAndKeepsNaN() {
            Tensor x = Tensor.of(-2, 0, 3);
            assertTensor(Autodiff.grad(t -> t.sign().mul(t).sum(), x), dims(3), -1, 0, 1);
            assertTensor(Tensor.of(-0.0, Double.NaN, Double.NEGATIVE_INFINITY).sign(), dims(3),
                    0, Double.NaN, -1);
        }

        @Test
        void clampPassesTheGradientAtItsBoundsAndHardTanhDoesNot() {
            Tensor x = Tensor.of(-2, -1, 0, 1, 2);
            assertTensor(Autodiff.grad(t -> t.clamp(-1, 1).sum(), x), dims(5), 0, 1, 1, 1, 0);
            assertTensor(Autodiff.grad(t -> t.hardTanh().sum(), x), dims(5), 0, 0, 1, 0, 0);
            assertTensor(x.clamp(1, -1), dims(5), -1, -1, -1, -1, -1);
            assertTensor(Autodiff.grad(t -> t.clamp(1, -1).sum(), x), dims(5), 0, 0, 0, 0, 0);
        }

        @Test
        void clampOfNaNIsNaNWithGradientZeroAndHardTanhKeepsItsGradient() {
            Tensor nan = Tensor.of(Double.NaN);
            assertTensor(nan.clamp(-1, 1), dims(1), Double.NaN);
            assertTensor(Autodiff.grad(t -> t.clamp(-1, 1).sum(), nan), dims(1), 0);
            assertTensor(Autodiff.grad(t -> t.hardTanh().sum(), nan), dims(1), 1);
        }

        @Test
        void maximumAndMinimumSplitTiesEquallyAndBroadcast() {
            Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {-1, 0.5, 7}});
            Tensor b = Tensor.of(2, 2, -3);
            Params grads = Autodiff.grad(p -> p.get("a").maximum(p.get("b")).sum(),
                    Params.of("a", a, "b", b));
            assertTensor(grads.get("a"), dims(2, 3), 0, 0.5, 1, 0, 0, 1);
            assertTensor(grads.get("b"), dims(3), 2, 1.5, 0);
            assertTensor(a.minimum(b), dims(2, 3), 1, 2, -3, -1, 0.5, -3);
        }

        @Test
        void whereBroadcastsTheMaskAndBothBranches() {
            Tensor mask = Tensor.of(1, 0, 1);
            Tensor a = Tensor.of(new double[][] {{1}, {2}});
            Tensor b = Tensor.of(new double[][] {{3, 4, 5}, {6, 7, 8}});
            assertTensor(Tensor.where(mask, a, b), dims(2, 3), 1, 4, 1, 2, 7, 2);
            Params grads = Autodiff.grad(p -> Tensor.where(mask, p.get("a"), p.get("b")).sum(),
                    Params.of("a", a, "b", b));
            assertTensor(grads.get("a"), dims(2, 1), 2, 2);
            assertTensor(grads.get("b"), dims(2, 3), 0, 1, 0, 0, 1, 0);
        }

        /** x^2.5 at 4 is 32 with derivative 2.5 * 4^1.5 = 20; d(2^b)/db = 2^b ln 2. */
        @Test
        void powTakesAScalarOrATensorExponent() {
            ValueAndGrad<Tensor> scalar = Autodiff.valueAndGrad(t -> t.pow(2.5), Tensor.scalar(4));
            assertScalar(scalar.value(), 32);
            assertScalar(scalar.grad(), 20);
            ValueAndGrad<Tensor> tensor = Autodiff.valueAndGrad(
                    t -> Tensor.scalar(2).pow(t).sum(), Tensor.of(0, 3));
            assertScalar(tensor.value(), 9);
            assertTensor(tensor.grad(), dims(2), Math.log(2), 8 * Math.log(2));
        }

        @Test
        void normsAtTheZeroVectorHaveTheSubgradientZeroAndMaxNormTiesShare() {
            for (double p : new double[] {1, 2, 3, Double.POSITIVE_INFINITY}) {
                ValueAndGrad<Tensor> zero =
                        Autodiff.valueAndGrad(t -> t.norm(p), Tensor.of(0, 0, 0));
                assertScalar(zero.value(), 0);
                assertTensor(zero.grad(), dims(3), 0, 0, 0);
            }
            assertTensor(Autodiff.grad(t -> t.norm(Double.POSITIVE_INFINITY),
                    Tensor.of(1, -3, 3)), dims(3), 0, -0.5, 0.5);
            // 3-norm of [3, -4]: (27 + 64)^(1/3); huge and tiny vectors neither overflow nor
            // underflow.
            assertScalar(Tensor.of(3, -4).norm(3), Math.cbrt(91));
            assertClose(Math.cbrt(91) * 1e200, Tensor.of(3e200, -4e200).norm(3).item());
            assertClose(Math.cbrt(91) * 1e-200, Tensor.of(3e-200, -4e-200).norm(3).item());
        }

        @Test
        void minAndItsGradientShareTiesAndPropagateNaN() {
            Tensor x = Tensor.of(new double[][] {{3, 1, 1}, {Double.NaN, 0, 2}});
            assertTensor(x.min(1), dims(2), 1, Double.NaN);
            assertTensor(Autodiff.grad(t -> t.min(1).slice(0, 0, 1, 1).sum(), x), dims(2, 3),
                    0, 0.5, 0.5, 0, 0, 0);
            assertTensor(Autodiff.grad(t -> t.min(1).slice(0, 1, 2, 1).sum(), x), dims(2, 3),
                    0, 0, 0, 1, 0, 0);
        }

        @Test
        void emptyReductionsFollowNumPy() {
            Tensor empty = Tensor.zeros(2, 0);
            assertTensor(empty.prod(1, false), dims(2), 1, 1);
            assertTensor(empty.any(new int[] {1}, false), dims(2), 0, 0);
            assertTensor(empty.all(new int[] {1}, false), dims(2), 1, 1);
            assertTensor(empty.norm(3, new int[] {1}, false), dims(2), 0, 0);
            assertTensor(empty.logSumExp(new int[] {1}, false), dims(2),
                    Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
            assertTensor(empty.var(new int[] {1}, 0, false), dims(2), Double.NaN, Double.NaN);
            assertEquals(Shape.of(2, 0), Autodiff.grad(Tensor::prod, empty).shape());
        }

        @Test
        void runningSumsOfAScalarAreTheScalarAsInPyTorch() {
            assertScalar(Tensor.scalar(3).cumsum(0), 3);
            assertScalar(Tensor.scalar(3).cumprod(-1), 3);
            assertScalar(Autodiff.grad(t -> t.cumprod(0), Tensor.scalar(3)), 1);
        }

        @Test
        void masksAreZeroOneTensorsOfTheOperandsDtypeAndNaNIsTrue() {
            Tensor a = Tensor.of(0, 2, Double.NaN, 0);
            Tensor b = Tensor.of(0, 0, 1, 5);
            assertTensor(a.logicalAnd(b), dims(4), 0, 0, 1, 0);
            assertTensor(a.logicalOr(b), dims(4), 0, 1, 1, 1);
            assertTensor(a.logicalNot(), dims(4), 1, 0, 0, 1);
            assertTensor(a.lessEqual(b), dims(4), 1, 0, 0, 1);
            assertTensor(a.greaterEqual(b), dims(4), 1, 1, 0, 0);
            assertTensor(a.notEqual(a), dims(4), 0, 0, 1, 0);
            assertTensor(Tensor.of(1, Double.NaN, Double.POSITIVE_INFINITY).isNaN(), dims(3),
                    0, 1, 0);
            assertTensor(Tensor.of(1, Double.NaN, Double.NEGATIVE_INFINITY).isFinite(), dims(3),
                    1, 0, 0);
            assertEquals(DType.FLOAT32, a.cast(DType.FLOAT32).logicalAnd(
                    b.cast(DType.FLOAT32)).dtype());
        }

        @Test
        void masksAndIndexReductionsAreNeverTraced() {
            Tensor x = Tensor.of(1, -2, 3);
            Autodiff.grad(t -> {
                assertFalse(t.lessEqual(0.0).isTraced());
                assertFalse(t.isNaN().isTraced());
                assertFalse(t.any().isTraced());
                assertFalse(t.argmin(0).isTraced());
                assertFalse(t.sign().isTraced());
                return t.sum();
            }, x);
        }

        @Test
        void argminTakesTheFirstOfTiesAndCountsNaNAsSmallest() {
            Tensor x = Tensor.of(new double[][] {{3, 1, 1}, {0, Double.NaN, -1}});
            assertArrayEquals(new int[] {1, 1}, x.argmin(1).toIntArray());
            assertArrayEquals(new int[] {1, 1, 1}, x.argmin(0).toIntArray());
        }
    }

    /** Values where naive formulas cancel, against mpmath at 40 digits. */
    @Nested
    class Accuracy {
        /** asin'(0.999999) = 1 / sqrt(1 - x^2) = 707.10695795314245218 at that double. */
        @Test
        void arcsineDerivativeNearOneIsAccurate() {
            Tensor x = Tensor.of(0.999999, -0.999999);
            assertTensor(Autodiff.grad(t -> t.asin().sum(), x), dims(2),
                    707.1069579531425, 707.1069579531425);
            assertTensor(Autodiff.grad(t -> t.acos().sum(), x), dims(2),
                    -707.1069579531425, -707.1069579531425);
            assertTensor(Autodiff.grad(t -> t.asin().sum(), Tensor.of(1, -1)), dims(2),
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        /**
         * gelu(-10) = -10 Phi(-10) = -7.6198530241605261e-23 and gelu'(-10) = Phi(-10) - 10
         * phi(-10) = -7.6184000964648141e-22, where {@code 1 + erf} cancels to 0.
         */
        @Test
        void geluIsAccurateInTheLeftTail() {
            ValueAndGrad<Tensor> gelu = Autodiff.valueAndGrad(Tensor::gelu, Tensor.scalar(-10));
            assertScalar(gelu.value(), -7.619853024160526e-23);
            assertScalar(gelu.grad(), -7.618400096464814e-22);
            assertTrue(Tensor.scalar(-10).geluTanh().item() < 0, "the tanh form keeps its tail");
        }

        /** erfc(10) = 2.0884875837625448e-45; sinh(710) = 1.1169973830808555e308 is finite. */
        @Test
        void tailsStayAccurateAndFinite() {
            assertScalar(Tensor.scalar(10).erfc(), 2.088487583762545e-45);
            assertScalar(Tensor.scalar(-10).erfc(), 2);
            assertScalar(Tensor.scalar(710).sinh(), 1.1169973830808555e308);
            assertScalar(Tensor.scalar(-710).cosh(), 1.1169973830808555e308);
        }
    }

    @Nested
    class Errors {
        private final Tensor x = Tensor.of(1, 2, 3);

        private static void assertMessage(String expected, Executable executable) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, executable);
            assertEquals(expected, e.getMessage());
        }

        @Test
        void binaryOperationsNameThemselvesAndTheDtypesOrShapes() {
            Tensor floats = x.cast(DType.FLOAT32);
            assertMessage("atan2: dtypes differ (float64 and float32); cast explicitly",
                    () -> x.atan2(floats));
            assertMessage("maximum: dtypes differ (float64 and float32); cast explicitly",
                    () -> x.maximum(floats));
            assertMessage("clamp: dtypes differ (float64 and float32); cast explicitly",
                    () -> x.clamp(floats, x));
            IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                    () -> x.minimum(Tensor.zeros(2)));
            assertTrue(shapes.getMessage().startsWith("minimum:"), shapes.getMessage());
            assertTrue(shapes.getMessage().contains("[3]") && shapes.getMessage().contains("[2]"),
                    shapes.getMessage());
            IllegalArgumentException clamp = assertThrows(IllegalArgumentException.class,
                    () -> x.clamp(Tensor.zeros(2), Tensor.zeros(3)));
            assertTrue(clamp.getMessage().startsWith("clamp:"), clamp.getMessage());
        }

        @Test
        void reductionsNameBadAxesAndArguments() {
            assertMessage("prod: axis 1 out of range for shape [3] (rank 1)",
                    () -> x.prod(1, false));
            assertMessage("var: axis 0 repeated in [0, -1]",
                    () -> x.var(new int[] {0, -1}, 0, false));
            assertMessage("var: ddof must be non-negative, got -1",
                    () -> x.var(new int[] {0}, -1, false));
            assertMessage("norm: p must be at least 1 or +Infinity, got 0.5", () -> x.norm(0.5));
            assertMessage("norm: p must be at least 1 or +Infinity, got NaN",
                    () -> x.norm(Double.NaN));
            assertMessage("min: cannot reduce axis 1 of size 0 in shape [2, 0] (min has no"
                    + " identity)", () -> Tensor.zeros(2, 0).min(1));
            assertMessage("cumsum: axis 2 out of range for shape [3] (rank 1)",
                    () -> x.cumsum(2));
            assertMessage("cumprod: axis 1 out of range for a scalar (0 or -1, as PyTorch)",
                    () -> Tensor.scalar(1).cumprod(1));
            assertMessage("argmin: axis 0 of shape [0] is empty", () -> Tensor.zeros(0).argmin(0));
            assertMessage("hardTanh: min 1.0 is greater than max -1.0", () -> x.hardTanh(1, -1));
        }

        @Test
        void floatOnlyOperationsRefuseIntegersNamingThemselves() {
            Tensor ints = Tensor.ofInts(1, 2, 3);
            assertMessage("sin: not defined for dtype int32; cast to float32 or float64 first",
                    ints::sin);
            assertMessage("erf: not defined for dtype int32; cast to float32 or float64 first",
                    ints::erf);
            assertMessage("atan2: not defined for dtype int32; cast to float32 or float64 first",
                    () -> ints.atan2(ints));
            assertMessage("var: needs a float32 or float64 tensor, got int32; cast first",
                    ints::var);
            assertMessage("std: needs a float32 or float64 tensor, got int32; cast first",
                    ints::std);
            assertMessage("norm: needs a float32 or float64 tensor, got int32; cast first",
                    () -> ints.norm(2));
        }
    }

    /**
     * The integer dtypes take the comparisons, masks, min/max, maximum/minimum, clamp, sign, abs,
     * any/all, products, running sums and products and argmin, exactly.
     */
    @Nested
    class Integers {
        @Test
        void int32OperationsAreExact() {
            Tensor x = Tensor.ofInts(new int[] {-3, 0, 4, Integer.MIN_VALUE, 7, 2}, 2, 3);
            assertArrayEquals(new int[] {-3, Integer.MIN_VALUE}, x.min(1).toIntArray());
            assertEquals(Integer.MIN_VALUE, x.min().toIntArray()[0]);
            assertArrayEquals(new int[] {-1, 0, 1, -1, 1, 1}, x.sign().toIntArray());
            assertArrayEquals(new int[] {3, 0, 4}, Tensor.ofInts(-3, 0, 4).abs().toIntArray());
            assertArrayEquals(new int[] {-2, 0, 2, -2, 2, 2}, x.clamp(-2, 2).toIntArray());
            assertArrayEquals(new int[] {-2, 0, 4, -2, 7, 2}, x.clampMin(-2).toIntArray());
            assertArrayEquals(new int[] {0, 0, 4, 0, 7, 2},
                    x.maximum(Tensor.ofInts(0)).toIntArray());
            assertArrayEquals(new int[] {-3, 0, 0, Integer.MIN_VALUE, 0, 0},
                    x.minimum(Tensor.ofInts(0)).toIntArray());
            assertArrayEquals(new int[] {0, 0}, x.argmin(1).toIntArray());
            assertArrayEquals(new int[] {1, 1}, x.any(new int[] {1}, false).toIntArray());
            assertArrayEquals(new int[] {0, 0}, Tensor.ofInts(new int[] {0, 0, 0, 0}, 2, 2)
                    .any(new int[] {1}, false).toIntArray());
            assertArrayEquals(new int[] {0, 1}, x.all(new int[] {1}, false).toIntArray());
            assertArrayEquals(new int[] {1, 1, 0, 1, 0, 1}, x.lessEqual(Tensor.ofInts(2))
                    .toIntArray());
            assertArrayEquals(new int[] {-3, -3, 1}, Tensor.ofInts(-3, 0, 4).cumsum(0)
                    .toIntArray());
            assertArrayEquals(new int[] {2, 6, 24}, Tensor.ofInts(2, 3, 4).cumprod(0)
                    .toIntArray());
            assertArrayEquals(new int[] {24}, Tensor.ofInts(2, 3, 4).prod().reshape(1)
                    .toIntArray());
        }

        @Test
        void int64OperationsAreExactBeyondFloat64Precision() {
            long big = (1L << 53) + 1; // not representable in float64
            Tensor x = Tensor.ofLongs(big, big + 2, -big);
            assertArrayEquals(new long[] {-big}, x.min(new int[] {0}, true).toLongArray());
            assertArrayEquals(new long[] {big, 2 * big + 2, big + 2},
                    x.cumsum(0).toLongArray());
            assertArrayEquals(new long[] {big, big + 2, 0}, x.clampMin(0).toLongArray());
            assertArrayEquals(new long[] {1, 1, -1}, x.sign().toLongArray());
        }

        @Test
        void int32OverflowIsRefusedNotWrapped() {
            ArithmeticException prod = assertThrows(ArithmeticException.class,
                    () -> Tensor.ofInts(65536, 65536).prod());
            assertEquals("prod: 4294967296 does not fit in int32; cast to int64 first",
                    prod.getMessage());
            assertThrows(ArithmeticException.class,
                    () -> Tensor.ofInts(Integer.MAX_VALUE, 1).cumsum(0));
            assertArrayEquals(new long[] {4294967296L},
                    Tensor.ofLongs(65536, 65536).prod().reshape(1).toLongArray());
        }
    }

    /** float32 follows float64 within relative 1e-4 (STYLE section 7), gradients included. */
    @Nested
    class Float32 {
        private static final Map<String, Function<Tensor, Tensor>> FUNCTIONS =
                ImmutableMap.<String, Function<Tensor, Tensor>>builder()
                        .put("sin", Tensor::sin).put("cos", Tensor::cos).put("tan", Tensor::tan)
                        .put("asin", t -> t.mul(0.3).asin()).put("acos", t -> t.mul(0.3).acos())
                        .put("atan", Tensor::atan).put("sinh", Tensor::sinh)
                        .put("cosh", Tensor::cosh).put("expm1", Tensor::expm1)
                        .put("erf", Tensor::erf).put("erfc", Tensor::erfc)
                        .put("gelu", Tensor::gelu).put("geluTanh", Tensor::geluTanh)
                        .put("silu", Tensor::silu).put("elu", Tensor::elu)
                        .put("softsign", Tensor::softsign).put("rsqrt", t -> t.abs().rsqrt())
                        .put("clamp", t -> t.clamp(-0.5, 0.5)).put("min", t -> t.min(1))
                        .put("prod", t -> t.prod(1, false)).put("var", t -> t.var(
                                new int[] {1}, 1, false))
                        .put("std", Tensor::std).put("norm3", t -> t.norm(3))
                        .put("cumsum", t -> t.cumsum(1)).put("cumprod", t -> t.cumprod(0))
                        .put("logSumExp", t -> t.logSumExp(new int[] {0, 1}, false))
                        .put("maximum", t -> t.maximum(t.neg().add(0.3)))
                        .buildOrThrow();

        @Test
        void float32ResultsAndGradientsMatchFloat64() {
            Tensor x = Tensor.of(new double[][] {{-1.3, 0.4, 2.1}, {0.7, -0.2, 1.6}});
            Tensor x32 = x.cast(DType.FLOAT32);
            for (Map.Entry<String, Function<Tensor, Tensor>> entry : FUNCTIONS.entrySet()) {
                Function<Tensor, Tensor> f = entry.getValue();
                Tensor y64 = f.apply(x);
                Tensor y32 = f.apply(x32);
                assertEquals(DType.FLOAT32, y32.dtype(), entry.getKey());
                assertTrue(y32.cast(DType.FLOAT64).allClose(y64, 1e-4, 1e-6),
                        entry.getKey() + ": " + y32 + " vs " + y64);
                Tensor g64 = Autodiff.grad(t -> f.apply(t).sum(), x);
                Tensor g32 = Autodiff.grad(t -> f.apply(t).sum(), x32);
                assertEquals(DType.FLOAT32, g32.dtype(), entry.getKey());
                assertTrue(g32.cast(DType.FLOAT64).allClose(g64, 1e-4, 1e-5),
                        entry.getKey() + " gradient: " + g32 + " vs " + g64);
            }
        }
    }
}
