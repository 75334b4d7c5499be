package jgrad.core;

import static jgrad.core.CaseAssertions.assertScalar;
import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.assertTensorWithin;
import static jgrad.core.CaseAssertions.dims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Forward values, factories, text, copying and errors of {@link Tensor}; exact or within 1e-12. */
class TensorTest {

    private static final Tensor MATRIX = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    /** Asserts that {@code body} throws an IllegalArgumentException whose message has all parts. */
    static void assertRejected(Executable body, String... parts) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, body);
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part),
                    "message \"" + error.getMessage() + "\" lacks \"" + part + "\"");
        }
    }

    @Nested
    class Creation {
        @Test
        void ofKeepsRowMajorOrderAndShape() {
            assertTensor(MATRIX, dims(2, 3), 1, 2, 3, 4, 5, 6);
            assertTensor(Tensor.of(new double[] {1, 2, 3, 4}, 2, 1, 2), dims(2, 1, 2), 1, 2, 3, 4);
            assertTensor(Tensor.scalar(2.5), dims(), 2.5);
            assertEquals(DType.FLOAT64, MATRIX.dtype());
            assertEquals(2, MATRIX.rank());
            assertEquals(6, MATRIX.size());
        }

        @Test
        void factoriesFillTheirShapes() {
            assertTensor(Tensor.zeros(2, 2), dims(2, 2), 0, 0, 0, 0);
            assertTensor(Tensor.ones(3), dims(3), 1, 1, 1);
            assertTensor(Tensor.full(7, 1, 2), dims(1, 2), 7, 7);
            assertTensor(Tensor.arange(4), dims(4), 0, 1, 2, 3);
            // ceil((2 - 1) / 0.25) = 4 values from 1 in steps of 0.25
            assertTensor(Tensor.arange(1, 2, 0.25), dims(4), 1, 1.25, 1.5, 1.75);
            assertTensor(Tensor.arange(3, 0, -1), dims(3), 3, 2, 1);
            assertTensor(MATRIX.zerosLike(), dims(2, 3), 0, 0, 0, 0, 0, 0);
            assertTensor(Tensor.oneHot(ImmutableIntArray.of(2, 0), 3), dims(2, 3),
                    0, 0, 1, 1, 0, 0);
        }

        @Test
        void randomFactoriesAreReproducibleFromTheirGenerator() {
            Tensor first = Tensor.randn(Shape.of(3, 2), new SplittableRandom(7));
            Tensor second = Tensor.randn(Shape.of(3, 2), new SplittableRandom(7));
            assertArrayEquals(first.toArray(), second.toArray());
            Tensor uniform = Tensor.uniform(Shape.of(100), -2, 3, new SplittableRandom(1));
            for (double value : uniform.toArray()) {
                assertTrue(-2 <= value && value < 3, "uniform value " + value);
            }
        }

        @Test
        void badArgumentsAreRejectedWithTheirValues() {
            assertRejected(() -> Tensor.of(new double[] {1, 2, 3}, 2, 2),
                    "of", "3 values", "[2, 2]");
            assertRejected(() -> Tensor.of(new double[][] {{1, 2}, {3}}), "of", "row 1");
            assertRejected(() -> Tensor.arange(0, 1, 0), "arange", "step");
            assertRejected(() -> Tensor.oneHot(ImmutableIntArray.of(0, 3), 3), "label 3", "0..2");
            assertRejected(() -> Tensor.zeros(-1), "negative");
        }
    }

    @Nested
    class Text {
        @Test
        void matricesPrintLikeNumpyWithShapeAndDtype() {
            assertEquals("tensor([[1., 2., 3.],\n"
                    + "        [4., 5., 6.]], shape=[2, 3], dtype=float64)", MATRIX.toString());
        }

        @Test
        void vectorsScalarsAndEmptyTensorsPrint() {
            assertEquals("tensor([ 1.5, 2.25,  -3.], dtype=float64)",
                    Tensor.of(1.5, 2.25, -3).toString());
            assertEquals("tensor(0.5, dtype=float64)", Tensor.scalar(0.5).toString());
            assertEquals("tensor([], shape=[0], dtype=float64)", Tensor.zeros(0).toString());
            assertEquals("tensor([], shape=[2, 0, 3], dtype=float64)",
                    Tensor.zeros(2, 0, 3).toString());
            assertEquals("tensor([], shape=[2, 0], dtype=float64)", Tensor.zeros(2, 0).toString());
            assertEquals("tensor([ nan,  inf, -inf], dtype=float64)",
                    Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                            .toString());
            assertEquals("tensor([1., 2.], dtype=float32)",
                    Tensor.of(1, 2).cast(DType.FLOAT32).toString());
            // NumPy prints float32 from its own shortest digits: [0.2, 0.4], not 0.40000001.
            assertEquals("tensor([0.2, 0.4], dtype=float32)",
                    Tensor.of(0.2, 0.4).cast(DType.FLOAT32).toString());
        }

        @Test
        void longTensorsAreSummarised() {
            String text = Tensor.arange(2000).toString();
            assertTrue(text.startsWith(
                    "tensor([   0.,    1.,    2., ..., 1997., 1998., 1999.]"), text);
        }

        @Test
        void tracedTensorsNameTheOperationThatMadeThem() {
            String[] seen = new String[1];
            Autodiff.grad(x -> {
                Tensor y = x.tanh();
                seen[0] = y.toString();
                return y;
            }, Tensor.scalar(0.5));
            assertTrue(seen[0].endsWith("op=tanh)"), seen[0]);
        }
    }

    @Nested
    class Copying {
        @Test
        void mutatingTheArrayReturnedByToArrayLeavesTheTensorAlone() {
            Tensor x = Tensor.of(1, 2, 3);
            double[] values = x.toArray();
            values[0] = 100;
            assertTensor(x, dims(3), 1, 2, 3);
            assertNotEquals(values[0], x.toArray()[0]);
        }

        @Test
        void mutatingTheArrayPassedToOfLeavesTheTensorAlone() {
            double[] values = {1, 2, 3, 4};
            double[][] rows = {{1, 2}, {3, 4}};
            Tensor flat = Tensor.of(values);
            Tensor shaped = Tensor.of(values, 2, 2);
            Tensor fromRows = Tensor.of(rows);
            values[0] = 100;
            rows[1][1] = 100;
            assertTensor(flat, dims(4), 1, 2, 3, 4);
            assertTensor(shaped, dims(2, 2), 1, 2, 3, 4);
            assertTensor(fromRows, dims(2, 2), 1, 2, 3, 4);
        }

        @Test
        void shapeDimensionsAreCopiedOut() {
            int[] dims = MATRIX.shape().toArray();
            dims[0] = 99;
            assertEquals(Shape.of(2, 3), MATRIX.shape());
        }

        @Test
        void operationsReturnNewTensorsAndLeaveTheirInputsAlone() {
            Tensor x = Tensor.of(1, 2, 3);
            Tensor y = x.add(1.0).mul(2.0).exp();
            assertTensor(x, dims(3), 1, 2, 3);
            assertFalse(x == y);
        }
    }

    @Nested
    class Access {
        @Test
        void itemReadsTheOnlyElementOfAnyRank() {
            assertEquals(2.5, Tensor.scalar(2.5).item());
            assertEquals(4.0, Tensor.of(new double[] {4}, 1, 1).item());
            IllegalStateException error =
                    assertThrows(IllegalStateException.class, () -> Tensor.of(1, 2).item());
            assertTrue(error.getMessage().contains("[2]"), error.getMessage());
        }

        @Test
        void getReadsOneElementByCoordinates() {
            assertEquals(6.0, MATRIX.get(1, 2));
            assertEquals(2.0, MATRIX.get(0, 1));
            assertEquals(7.0, Tensor.scalar(7).get());
            assertRejected(() -> MATRIX.get(1), "get", "1 coordinates", "rank 2");
            assertThrows(IndexOutOfBoundsException.class, () -> MATRIX.get(2, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> MATRIX.get(0, -1));
        }

        @Test
        void allCloseComparesShapeAndValues() {
            assertTrue(MATRIX.allClose(MATRIX.add(1e-13), 0, 1e-12));
            assertFalse(MATRIX.allClose(MATRIX.add(1e-6), 0, 1e-12));
            assertFalse(MATRIX.allClose(MATRIX.reshape(6), 0, 1));
            assertFalse(Tensor.of(Double.NaN).allClose(Tensor.of(Double.NaN), 0, 1));
        }
    }

    @Nested
    class Division {
        /** One IEEE division, as NumPy does; {@code a * (1 / b)} would round twice. */
        @Test
        void divisionIsCorrectlyRounded() {
            double[] a = {0.3, 7.0, 1.0, 0.7, 49.0};
            double[] b = {0.1, 7.0, 3.0, 0.1, 49.0};
            double[] got = Tensor.of(a).div(Tensor.of(b)).toArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] / b[i], got[i], 0.0, "element " + i);
            }
            // 49 * (1/49) is 0.9999999999999999 in float64; the quotient must be exactly 1.
            assertEquals(1.0, Tensor.scalar(49.0).div(49.0).item(), 0.0);
        }

        @Test
        void meanOfIntegersIsExact() {
            assertEquals(55.0 / 5, Tensor.of(1, 4, 9, 16, 25).mean().item(), 0.0);
        }
    }

    @Nested
    class Errors {
        @Test
        void addOfUnbroadcastableShapesNamesTheOpAndBothShapes() {
            assertRejected(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "add", "[2, 3]", "[4]");
            assertRejected(() -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 2)),
                    "mul", "[2, 3]", "[3, 2]");
            assertRejected(() -> Tensor.zeros(2, 3).sub(Tensor.zeros(4)), "sub", "[2, 3]", "[4]");
        }

        @Test
        void matmulOfMismatchedInnerDimensionsNamesBothShapes() {
            assertRejected(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)),
                    "matmul", "[2, 3] x [4, 5]");
            assertRejected(() -> Tensor.zeros(4).matmul(Tensor.zeros(3, 2)),
                    "matmul", "[4] x [3, 2]");
            assertRejected(() -> Tensor.scalar(2).matmul(Tensor.zeros(3, 2)),
                    "matmul", "[] x [3, 2]", "use mul");
            assertRejected(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)),
                    "matmul", "[2] and [3] do not broadcast");
        }

        @Test
        void reshapeToAnotherSizeNamesBothShapesAndSizes() {
            assertRejected(() -> MATRIX.reshape(4), "reshape", "[2, 3]", "6 elements", "[4]");
            assertRejected(() -> MATRIX.reshape(-1, 4), "reshape", "[2, 3]");
            assertRejected(() -> MATRIX.reshape(-1, -1), "reshape", "more than one -1");
        }

        @Test
        void axesOutOfRangeNameTheOpTheAxisAndTheShape() {
            assertRejected(() -> MATRIX.sum(2, false), "sum", "axis 2", "[2, 3]");
            assertRejected(() -> MATRIX.mean(-3, false), "mean", "axis -3", "[2, 3]");
            assertRejected(() -> MATRIX.max(5, true), "max", "axis 5");
            assertRejected(() -> MATRIX.softmax(2), "softmax: axis 2");
            assertRejected(() -> MATRIX.logSoftmax(5), "logSoftmax: axis 5");
            assertRejected(() -> MATRIX.logSumExp(-3, false), "logSumExp: axis -3");
            assertRejected(() -> MATRIX.sum(new int[] {1, -1}, false), "sum", "repeated");
            assertRejected(() -> MATRIX.permute(0, 0), "permute");
        }

        @Test
        void mixingDtypesNamesTheOpAndBothDtypes() {
            Tensor single = MATRIX.cast(DType.FLOAT32);
            assertRejected(() -> MATRIX.add(single), "add", "float64", "float32", "cast");
            assertRejected(() -> single.div(MATRIX), "div", "float32", "float64");
            assertRejected(() -> MATRIX.matmul(Tensor.zeros(3, 1).cast(DType.FLOAT32)),
                    "matmul", "dtypes differ");
        }

        @Test
        void sliceRefusesAZeroStepAndABadAxisNamingThemAndTheShape() {
            // Bounds follow Python: beyond the end they clamp, negative ones count from the end.
            assertTensor(MATRIX.slice(1, 0, 4, 1), dims(2, 3), 1, 2, 3, 4, 5, 6);
            assertTensor(MATRIX.slice(1, -1, 3, 1), dims(2, 1), 3, 6);
            assertRejected(() -> MATRIX.slice(1, 0, 2, 0), "slice", "step", "0");
            assertRejected(() -> MATRIX.slice(2, 0, 1, 1), "slice", "axis 2", "[2, 3]");
            assertRejected(() -> Tensor.apply(new Slice(ImmutableIntArray.of(0),
                    ImmutableIntArray.of(4), ImmutableIntArray.of(1)), Tensor.zeros(3)),
                    "slice", "[4]", "[3]");
            assertRejected(() -> new Slice(ImmutableIntArray.of(0), ImmutableIntArray.of(1),
                    ImmutableIntArray.of(0)), "slice", "steps [0]");
            assertRejected(() -> new Slice(ImmutableIntArray.of(0), ImmutableIntArray.of(1, 2),
                    ImmutableIntArray.of(1)), "slice", "differ in length");
            assertRejected(() -> Tensor.apply(new Slice(ImmutableIntArray.of(0),
                    ImmutableIntArray.of(1), ImmutableIntArray.of(1)), MATRIX),
                    "slice", "[2, 3]", "rank 2");
            assertRejected(() -> new Pad(ImmutableIntArray.of(-1), ImmutableIntArray.of(0),
                    ImmutableIntArray.of(0)), "pad", "[-1]", "non-negative");
            assertRejected(() -> Tensor.apply(new Pad(ImmutableIntArray.of(1),
                    ImmutableIntArray.of(0), ImmutableIntArray.of(0)), MATRIX),
                    "pad", "[2, 3]", "rank 2");
        }

        @Test
        void maxPool1dRefusesBadWindowsAndStridesNamingTheValues() {
            assertRejected(() -> MATRIX.maxPool1d(0, 1), "maxPool1d", "window 0");
            assertRejected(() -> MATRIX.maxPool1d(2, 0), "maxPool1d", "stride 0");
            assertRejected(() -> MATRIX.maxPool1d(4, 1), "maxPool1d", "window 4", "3", "[2, 3]");
            assertRejected(() -> Tensor.scalar(1).maxPool1d(1, 1), "maxPool1d", "[]");
        }

        @Test
        void broadcastToAndSumToRefuseIncompatibleShapes() {
            assertRejected(() -> MATRIX.broadcastTo(Shape.of(3, 3)),
                    "broadcastTo", "[2, 3]", "[3, 3]");
            assertRejected(() -> MATRIX.sumTo(Shape.of(2)), "sumTo", "[2]", "[2, 3]");
        }
    }

    @Nested
    class Broadcasting {
        @Test
        void rowIsAddedToEveryRow() {
            assertTensor(MATRIX.add(Tensor.of(10, 20, 30)), dims(2, 3), 11, 22, 33, 14, 25, 36);
        }

        @Test
        void columnTimesRowIsTheOuterProduct() {
            Tensor column = Tensor.of(new double[] {1, 2}, 2, 1);
            Tensor row = Tensor.of(new double[] {3, 4, 5}, 1, 3);
            assertTensor(column.mul(row), dims(2, 3), 3, 4, 5, 6, 8, 10);
        }

        @Test
        void scalarsAndMissingLeadingAxesBroadcast() {
            assertTensor(MATRIX.sub(1.0), dims(2, 3), 0, 1, 2, 3, 4, 5);
            assertTensor(Tensor.scalar(12).div(MATRIX), dims(2, 3), 12, 6, 4, 3, 2.4, 2);
            Tensor cube = Tensor.ones(2, 1, 3);
            assertEquals(Shape.of(2, 2, 3), cube.add(MATRIX).shape());
        }

        @Test
        void broadcastToCopiesAndSumToSumsBack() {
            Tensor row = Tensor.of(new double[] {1, 2, 3}, 1, 3);
            Tensor copies = row.broadcastTo(Shape.of(2, 2, 3));
            assertTensor(copies, dims(2, 2, 3), 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3);
            // each element appears four times
            assertTensor(copies.sumTo(Shape.of(1, 3)), dims(1, 3), 4, 8, 12);
            assertTensor(copies.sumTo(Shape.of(3)), dims(3), 4, 8, 12);
            assertSame(row, row.sumTo(Shape.of(1, 3)));
        }
    }

    @Nested
    class Elementwise {
        @Test
        void reluKeepsNaNAndZerosNegatives() {
            assertTensor(Tensor.of(-1, 0, 2, Double.NaN).relu(), dims(4), 0, 0, 2, Double.NaN);
        }

        @Test
        void aDifferentiatedTensorUsedAsAWhereMaskGetsAZeroGradientThroughTheMask() {
            // d/dt sum(where(t, 2t, t)) = 2 where t != 0, 1 where t == 0; the mask adds nothing.
            Tensor grad = Autodiff.grad(t -> Tensor.where(t, t.mul(2), t).sum(),
                    Tensor.of(0, 3, -1));
            assertArrayEquals(new double[] {1, 2, 2}, grad.toArray());
        }

        @Test
        void reluPassesTheCotangentWhereItsOutputIsNonZeroAsPyTorch() {
            // PyTorch 1.13: relu([-0., nan, -1., 2.]).backward(ones) gives [0., 1., 0., 1.].
            Tensor grad = Autodiff.grad(t -> t.relu().sum(), Tensor.of(-0.0, Double.NaN, -1, 2));
            assertArrayEquals(new double[] {0, 1, 0, 1}, grad.toArray());
        }

        @Test
        void absAndSquare() {
            assertTensor(Tensor.of(-1.5, 0, 2).abs(), dims(3), 1.5, 0, 2);
            assertTensor(Tensor.of(-1.5, 0, 2).square(), dims(3), 2.25, 0, 4);
        }

        @Test
        void unaryFunctionsMatchJavaMath() {
            Tensor x = Tensor.of(0.25, 1, 2);
            assertTensor(x.exp(), dims(3), Math.exp(0.25), Math.E, Math.exp(2));
            assertTensor(x.log(), dims(3), Math.log(0.25), 0, Math.log(2));
            assertTensor(x.sqrt(), dims(3), 0.5, 1, Math.sqrt(2));
            assertTensor(x.recip(), dims(3), 4, 1, 0.5);
            assertTensor(x.tanh(), dims(3), Math.tanh(0.25), Math.tanh(1), Math.tanh(2));
            assertTensor(x.neg(), dims(3), -0.25, -1, -2);
            // sigmoid(0) = 1/2; sigmoid(-x) = 1 - sigmoid(x)
            assertTensor(Tensor.of(0, -800, 800).sigmoid(), dims(3), 0.5, 0, 1);
        }

        @Test
        void log1pKeepsTheRelativePrecisionOfTinyArguments() {
            // ln(1 + x) = x - x^2/2 + x^3/3 - ...: for x = 1e-10 that is 1e-10 - 5e-21 (+ 3e-31)
            assertTensorWithin(Tensor.of(1e-10).log1p(), dims(1), 0, 1e-12, 1e-10 - 5e-21);
            assertTensor(Tensor.of(0, -1).log1p(), dims(2), 0, Double.NEGATIVE_INFINITY);
        }

        @Test
        void powMatchesMathPowWithBroadcasting() {
            Tensor base = Tensor.of(new double[] {2, 3, -2, 0}, 2, 2);
            assertTensor(base.pow(2.0), dims(2, 2), 4, 9, 4, 0);
            assertTensor(base.pow(Tensor.of(3, 0)), dims(2, 2), 8, 1, -8, 1);
            assertTensor(Tensor.of(4, 0).pow(-0.5), dims(2), 0.5, Double.POSITIVE_INFINITY);
            assertTensor(Tensor.of(-8).pow(1.0 / 3), dims(1), Double.NaN);
        }

        @Test
        void normIsTheEuclideanLengthWithoutOverflowOrUnderflow() {
            assertScalar(Tensor.of(new double[] {1, 2, 2, 4}, 2, 2).norm(), 5);
            assertScalar(Tensor.of(3e200, -4e200).norm().div(1e200), 5);
            assertScalar(Tensor.of(3e-200, 4e-200).norm().mul(1e200), 5);
            assertScalar(Tensor.of(1, Double.NaN).norm(), Double.NaN);
            assertScalar(Tensor.of(1, Double.NEGATIVE_INFINITY).norm(), Double.POSITIVE_INFINITY);
            assertScalar(Tensor.zeros(0).norm(), 0);
            assertScalar(Tensor.scalar(-2).norm(), 2);
        }

        @Test
        void whereSelectsElementwiseWithBroadcasting() {
            Tensor mask = Tensor.of(1, 0, 1);
            assertTensor(Tensor.where(mask, MATRIX, Tensor.scalar(-1)), dims(2, 3),
                    1, -1, 3, 4, -1, 6);
        }

        @Test
        void masksAreZeroOrOneAndFalseForNaN() {
            Tensor x = Tensor.of(1, 2, Double.NaN);
            assertTensor(x.less(2.0), dims(3), 1, 0, 0);
            assertTensor(x.greater(1.0), dims(3), 0, 1, 0);
            assertTensor(x.equal(2.0), dims(3), 0, 1, 0);
        }
    }

    @Nested
    class Reductions {
        @Test
        void sumMeanAndMaxAlongAxesWithAndWithoutKeepDims() {
            assertTensor(MATRIX.sum(0, false), dims(3), 5, 7, 9);
            assertTensor(MATRIX.sum(-1, true), dims(2, 1), 6, 15);
            assertTensor(MATRIX.mean(1, false), dims(2), 2, 5);
            assertTensor(MATRIX.mean(0, true), dims(1, 3), 2.5, 3.5, 4.5);
            assertTensor(MATRIX.max(0, false), dims(3), 4, 5, 6);
            assertTensor(MATRIX.max(new int[] {0, 1}, true), dims(1, 1), 6);
            assertScalar(MATRIX.sum(), 21);
            assertScalar(MATRIX.mean(), 3.5);
            assertScalar(MATRIX.max(), 6);
            assertScalar(Tensor.scalar(4).sum(), 4);
            // PyTorch's x.sum(dim): the axis is removed.
            assertTensor(MATRIX.sum(1), dims(2), 6, 15);
            assertTensor(MATRIX.mean(-2), dims(3), 2.5, 3.5, 4.5);
            assertTensor(MATRIX.max(1), dims(2), 3, 6);
        }

        @Test
        void maxPropagatesNaN() {
            assertScalar(Tensor.of(1, Double.NaN, 3).max(), Double.NaN);
        }

        @Test
        void argmaxTakesTheFirstOfTies() {
            assertTensor(Tensor.of(new double[][] {{1, 3, 3}, {2, 2, 2}}).argmax(1), dims(2), 1, 0);
        }

        @Test
        void softmaxIsStableForLogitsOfTenThousand() {
            // softmax([1e4, 1e4 - 1]) = [1, e^-1] / (1 + e^-1) = [sigmoid(1), 1 - sigmoid(1)]
            assertTensor(Tensor.of(1e4, 1e4 - 1).softmax(0), dims(2),
                    0.7310585786300049, 0.2689414213699951);
            // the same shifted by -1e4: softmax is shift-invariant
            assertTensor(Tensor.of(-1e4, -1e4 - 1).softmax(0), dims(2),
                    0.7310585786300049, 0.2689414213699951);
        }

        @Test
        void logSoftmaxAndLogSumExpAreStableForLogitsOfAThousand() {
            // log(1 + e^-1000) = 0 in float64, so logSoftmax([1000, 0]) = [0, -1000]
            assertTensor(Tensor.of(1000, 0).logSoftmax(0), dims(2), 0, -1000);
            // logSumExp([1000, 1000]) = 1000 + ln 2
            assertScalar(Tensor.of(1000, 1000).logSumExp(0, false), 1000 + Math.log(2));
            assertTensor(Tensor.of(1000, 1000).logSumExp(0, true), dims(1), 1000 + Math.log(2));
        }

        @Test
        void logSumExpKeepsInfinities() {
            assertScalar(Tensor.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)
                    .logSumExp(0, false), Double.NEGATIVE_INFINITY);
            assertScalar(Tensor.of(Double.POSITIVE_INFINITY, 0).logSumExp(0, false),
                    Double.POSITIVE_INFINITY);
        }
    }

    @Nested
    class Movement {
        @Test
        void reshapeInfersOneDimension() {
            assertTensor(MATRIX.reshape(3, -1), dims(3, 2), 1, 2, 3, 4, 5, 6);
            assertTensor(Tensor.zeros(0, 4).reshape(-1, 2), dims(0, 2));
        }

        @Test
        void transposeAndPermuteMoveAxes() {
            assertTensor(MATRIX.transpose(), dims(3, 2), 1, 4, 2, 5, 3, 6);
            Tensor cube = Tensor.arange(6).reshape(1, 2, 3);
            // output axis i is input axis order[i]: [1, 2, 3] -> [3, 1, 2]; y[k, 0, j] = x[0, j, k]
            assertTensor(cube.permute(2, 0, 1), dims(3, 1, 2), 0, 3, 1, 4, 2, 5);
            assertSame(MATRIX, MATRIX.permute(0, 1));
            assertSame(MATRIX, MATRIX.permute(-2, -1));
        }

        @Test
        void sliceTakesStridedElementsLikeNumpy() {
            Tensor x = Tensor.arange(7);
            assertTensor(x.slice(0, 1, 6, 2), dims(3), 1, 3, 5);
            assertTensor(x.slice(-1, 0, 7, 3), dims(3), 0, 3, 6);
            assertTensor(x.slice(0, 2, 4, 1), dims(2), 2, 3);
            assertTensor(x.slice(0, 5, 2, 1), dims(0));
            assertTensor(x.slice(0, 7, 7, 1), dims(0));
            assertSame(x, x.slice(0, 0, 7, 1));
            // columns 0 and 2 of [[1, 2, 3], [4, 5, 6]]; rows 1.. of it
            assertTensor(MATRIX.slice(1, 0, 3, 2), dims(2, 2), 1, 3, 4, 6);
            assertTensor(MATRIX.slice(-2, 1, 2, 5), dims(1, 3), 4, 5, 6);
        }

        @Test
        void padWritesElementsApartWithZerosAroundAndBetween() {
            Tensor x = Tensor.of(1, 2, 3);
            Pad pad = new Pad(ImmutableIntArray.of(2), ImmutableIntArray.of(1),
                    ImmutableIntArray.of(1));
            // 2 zeros, then 1, 2, 3 with one zero between neighbours, then 1 zero
            assertTensor(Tensor.apply(pad, x), dims(8), 0, 0, 1, 0, 2, 0, 3, 0);
            assertTensor(Tensor.apply(pad, Tensor.zeros(0)), dims(3), 0, 0, 0);
            Slice back = new Slice(ImmutableIntArray.of(2), ImmutableIntArray.of(7),
                    ImmutableIntArray.of(2));
            assertTensor(Tensor.apply(back, Tensor.apply(pad, x)), dims(3), 1, 2, 3);
        }

        @Test
        void sliceAndPadAreEachOthersVjp() {
            Tensor x = Tensor.arange(12).reshape(3, 4);
            // x[0:3:2, 1:4:2] reads (0, 1), (0, 3), (2, 1), (2, 3): those get the cotangent
            Tensor grad = Autodiff.grad(t -> t.slice(0, 0, 3, 2).slice(1, 1, 4, 2)
                    .mul(Tensor.of(new double[][] {{1, 2}, {3, 4}})).sum(), x);
            assertTensor(grad, dims(3, 4), 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4);
            Pad pad = new Pad(ImmutableIntArray.of(1), ImmutableIntArray.of(0),
                    ImmutableIntArray.of(2));
            Tensor padGrad = Autodiff.grad(
                    t -> Tensor.apply(pad, t).mul(Tensor.arange(8)).sum(), Tensor.of(5, 6, 7));
            // length 1 + 3 + 2 * 2 = 8; the elements sit at positions 1, 4, 7 and read those
            assertTensor(padGrad, dims(3), 1, 4, 7);
        }

        @Test
        void maxPool1dTakesTheMaxOfEachWindowOverTheLastAxis() {
            Tensor x = Tensor.of(new double[][] {{1, 4, 2, 8, 5}, {9, 0, 3, 3, 7}});
            // windows of 3 every 2: [0:3], [2:5]
            assertTensor(x.maxPool1d(3, 2), dims(2, 2), 4, 8, 9, 7);
            // windows of 2 every 1; (5 - 2) / 1 + 1 = 4 per row
            assertTensor(x.maxPool1d(2, 1), dims(2, 4), 4, 4, 8, 8, 9, 3, 3, 7);
            // a stride past the end leaves only the windows that fit: (5 - 2) / 4 + 1 = 1
            assertTensor(x.maxPool1d(2, 4), dims(2, 1), 4, 9);
            assertTensor(x.maxPool1d(1, 1), dims(2, 5), 1, 4, 2, 8, 5, 9, 0, 3, 3, 7);
            assertTensor(x.maxPool1d(5, 1), dims(2, 1), 8, 9);
        }

        @Test
        void maxPool1dSharesATiedWindowsGradientEqually() {
            // windows [3, 3] and [3, 1]: the first splits 1/2, 1/2 between x0 and x1, the second
            // gives its 1 to x1, so x1 collects 1/2 + 1
            Tensor grad = Autodiff.grad(t -> t.maxPool1d(2, 1).sum(), Tensor.of(3, 3, 1));
            assertTensor(grad, dims(3), 0.5, 1.5, 0);
        }

        @Test
        void matmulMultipliesMatrices() {
            Tensor b = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
            // rows of MATRIX dotted with the columns of b: [1 + 3, 2 + 3], [4 + 6, 5 + 6]
            assertTensor(MATRIX.matmul(b), dims(2, 2), 4, 5, 10, 11);
        }
    }
}
