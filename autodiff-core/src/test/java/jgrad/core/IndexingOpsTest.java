package jgrad.core;

import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.dims;
import static jgrad.core.TensorTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Forward values, gradients (hand-derived: each read element's cotangent goes back to it, so the
 * gradient of a sum counts the reads) and errors of indexing by integer tensors.
 */
class IndexingOpsTest {

    private static final Tensor MATRIX = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void gatherReadsAlongAnAxisAndItsGradientCountsRepeatedReads() {
        Tensor index = Tensor.ofInts(new int[] {0, 0, 2, 1, 1, 1}, 2, 3);
        assertTensor(MATRIX.gather(1, index), dims(2, 3), 1, 1, 3, 5, 5, 5);
        assertTensor(MATRIX.gather(0, Tensor.ofLongs(new long[] {1, 0, 1}, 1, 3)), dims(1, 3),
                4, 2, 6);
        assertTensor(MATRIX.gather(-1, Tensor.ofInts(new int[] {-1, -3}, 2, 1)), dims(2, 1),
                3, 4);
        // row 0 reads column 0 twice and column 2 once; row 1 reads column 1 three times
        assertTensor(Autodiff.grad(t -> t.gather(1, index).sum(), MATRIX), dims(2, 3),
                2, 0, 1, 0, 3, 0);
    }

    @Test
    void indexSelectAndTakePickRowsWithRepeatsAndNegativeIndices() {
        Tensor rows = Tensor.ofInts(1, 1, 0);
        assertTensor(MATRIX.indexSelect(0, rows), dims(3, 3), 4, 5, 6, 4, 5, 6, 1, 2, 3);
        assertTensor(MATRIX.indexSelect(1, Tensor.ofLongs(-1)), dims(2, 1), 3, 6);
        assertTensor(MATRIX.indexSelect(1, Tensor.scalar(2, DType.INT32)), dims(2, 1), 3, 6);
        assertTensor(Autodiff.grad(t -> t.indexSelect(0, rows).sum(), MATRIX), dims(2, 3),
                1, 1, 1, 2, 2, 2);
        Tensor flat = Tensor.ofInts(new int[] {5, 0, -1, 0}, 2, 2);
        assertTensor(MATRIX.take(flat), dims(2, 2), 6, 1, 6, 1);
        assertTensor(Autodiff.grad(t -> t.take(flat).sum(), MATRIX), dims(2, 3),
                2, 0, 0, 0, 0, 2);
        assertTensor(MATRIX.take(Tensor.ofInts(new int[] {0, 2, 1, 1}, 2, 2), 1),
                dims(2, 2, 2), 1, 3, 2, 2, 4, 6, 5, 5);
        assertTensor(MATRIX.take(Tensor.scalar(-1, DType.INT64), 0), dims(3), 4, 5, 6);
    }

    @Test
    void scatterAddAndIndexAddAccumulateRepeatedPositions() {
        Tensor index = Tensor.ofInts(new int[] {0, 0, 2, 1, 1, 1}, 2, 3);
        // row 0: column 0 gets 1 + 2, column 2 gets 3; row 1: column 1 gets 4 + 5 + 6
        assertTensor(Tensor.zeros(2, 3).scatterAdd(1, index, MATRIX), dims(2, 3),
                3, 0, 3, 0, 15, 0);
        assertTensor(Tensor.ones(3, 3).scatterAdd(0, Tensor.ofInts(new int[] {2, 0}, 2, 1),
                Tensor.of(new double[] {1, 2}, 2, 1)), dims(3, 3), 3, 1, 1, 1, 1, 1, 2, 1, 1);
        assertTensor(Tensor.zeros(3, 2).indexAdd(0, Tensor.ofInts(2, 0, 2),
                Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}})), dims(3, 2), 3, 4, 0, 0, 6, 8);
        // d/dsource of sum(w * scatterAdd(t, source)) = w read at the scattered positions
        Tensor weights = Tensor.of(new double[][] {{10, 20, 30}, {40, 50, 60}});
        assertTensor(Autodiff.grad(s -> Tensor.zeros(2, 3).scatterAdd(1, index, s).mul(weights)
                .sum(), MATRIX), dims(2, 3), 10, 10, 30, 50, 50, 50);
        assertTensor(Autodiff.grad(t -> t.scatterAdd(1, index, MATRIX).mul(weights).sum(),
                Tensor.zeros(2, 3)), dims(2, 3), 10, 20, 30, 40, 50, 60);
        assertTensor(Tensor.zeros(Shape.of(2), DType.INT64).scatterAdd(0, Tensor.ofInts(1, 1),
                Tensor.ofLongs(1L << 40, 1)), dims(2), 0, (1L << 40) + 1);
    }

    @Test
    void maskedSelectPicksNonzeroPositionsAndScattersTheGradientBack() {
        assertTensor(MATRIX.maskedSelect(MATRIX.greater(2.5)), dims(4), 3, 4, 5, 6);
        Tensor columns = Tensor.ofInts(1, 0, 1);
        assertTensor(MATRIX.maskedSelect(columns), dims(4), 1, 3, 4, 6);
        assertTensor(MATRIX.maskedSelect(Tensor.zeros(2, 3)), dims(0));
        assertTensor(Autodiff.grad(t -> t.maskedSelect(columns).mul(Tensor.of(1, 2, 3, 4)).sum(),
                MATRIX), dims(2, 3), 1, 0, 2, 3, 0, 4);
        assertRejected(() -> MATRIX.maskedSelect(Tensor.ones(2)),
                "maskedSelect: shapes [2, 3] and [2] do not broadcast");
    }

    @Test
    void oneHotTakesIntegerTensorsOfAnyShape() {
        Tensor labels = Tensor.ofInts(new int[] {0, 2, 1, 1}, 2, 2);
        Tensor oneHot = Tensor.oneHot(labels, 3);
        assertTensor(oneHot, dims(2, 2, 3), 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0);
        assertEquals(DType.FLOAT64, oneHot.dtype());
        assertTensor(Tensor.oneHot(Tensor.ofLongs(3), 4), dims(1, 4), 0, 0, 0, 1);
        assertTensor(Tensor.oneHot(new int[] {2, 0}, 3), dims(2, 3), 0, 0, 1, 1, 0, 0);
        assertTensor(Tensor.oneHot(Tensor.scalar(1, DType.INT32), 2), dims(2), 0, 1);
        assertRejected(() -> Tensor.oneHot(Tensor.ofInts(new int[] {0, 1, -1, 0}, 2, 2), 3),
                "oneHot: label -1 at position [1, 0] is outside the valid range 0..2");
        assertRejected(() -> Tensor.oneHot(Tensor.ofLongs(3), 3), "oneHot: label 3");
        assertRejected(() -> Tensor.oneHot(Tensor.of(1), 3),
                "oneHot: labels must be an int32 or int64 tensor, got float64");
        assertRejected(() -> Tensor.oneHot(Tensor.ofInts(0), 0),
                "oneHot: numClasses must be positive, got 0");
    }

    @Test
    void outOfRangeIndicesNameTheOpTheIndexItsPositionAndTheValidRange() {
        assertRejected(() -> MATRIX.gather(1, Tensor.ofInts(new int[] {0, 3}, 1, 2)),
                "gather: index 3 at position [0, 1] is out of range for axis 1 of shape [2, 3]"
                        + " (size 3) (valid range -3..2)");
        assertRejected(() -> MATRIX.gather(0, Tensor.ofLongs(new long[] {-3}, 1, 1)),
                "gather: index -3 at position [0, 0]", "valid range -2..1");
        assertRejected(() -> MATRIX.indexSelect(0, Tensor.ofInts(0, 1, 2)),
                "indexSelect: index 2 at position [2] is out of range for axis 0");
        assertRejected(() -> MATRIX.take(Tensor.ofInts(6)), "take: index 6 at position [0] is"
                + " out of range for the 6 elements of shape [2, 3] (flat indices)"
                + " (valid range -6..5)");
        assertRejected(() -> MATRIX.take(Tensor.ofInts(new int[] {1, -4}, 1, 2), 1),
                "take: index -4 at position [0, 1] is out of range for axis 1");
        assertRejected(() -> Tensor.zeros(2, 3).scatterAdd(1, Tensor.ofInts(new int[] {7}, 1, 1),
                Tensor.ones(1, 1)), "scatterAdd: index 7 at position [0, 0]");
        assertRejected(() -> Tensor.zeros(2).indexAdd(0, Tensor.ofInts(2), Tensor.ones(1)),
                "indexAdd: index 2 at position [0]", "valid range -2..1");
        assertRejected(() -> Tensor.zeros(2, 0).indexSelect(1, Tensor.ofInts(0)),
                "indexSelect: index 0", "(valid range none: it is empty)");
        assertRejected(() -> Tensor.ofLongs(1, 2).indexSelect(0, Tensor.ofLongs(1L << 40)),
                "indexSelect: index 1099511627776 at position [0]");
    }

    @Test
    void badIndexTensorsAndShapesAreRefusedNamingTheOp() {
        assertRejected(() -> MATRIX.indexSelect(0, Tensor.of(0)),
                "indexSelect: index must be an int32 or int64 tensor, got float64");
        assertRejected(() -> MATRIX.gather(0, Tensor.of(0).reshape(1, 1)),
                "gather: index must be an int32 or int64 tensor, got float64");
        assertRejected(() -> MATRIX.take(Tensor.of(0)), "take: index must be an int32 or int64");
        assertRejected(() -> MATRIX.indexSelect(0, Tensor.ofInts(new int[] {0, 1}, 1, 2)),
                "indexSelect: index must be 1-D, got shape [1, 2] (take accepts any shape)");
        assertRejected(() -> MATRIX.gather(1, Tensor.ofInts(0, 1, 2)),
                "gather: index of shape [3] must have the rank of x, shape [2, 3]");
        assertRejected(() -> MATRIX.gather(1, Tensor.ofInts(new int[] {0, 0, 0}, 3, 1)),
                "gather: index of shape [3, 1] is longer than x of shape [2, 3] on axis 0");
        assertRejected(() -> MATRIX.gather(2, Tensor.ofInts(new int[] {0}, 1, 1)),
                "gather: axis 2 out of range for shape [2, 3]");
        assertRejected(() -> MATRIX.scatterAdd(1, Tensor.ofInts(new int[] {0, 1}, 1, 2),
                Tensor.ones(1, 3)), "scatterAdd: index shape [1, 2] differs from source shape"
                + " [1, 3]");
        assertRejected(() -> MATRIX.scatterAdd(1, Tensor.ofInts(new int[] {0}, 1, 1),
                Tensor.ones(1, 1).cast(DType.FLOAT32)),
                "scatterAdd: dtypes differ (target float64, source float32); cast explicitly");
        assertRejected(() -> MATRIX.indexAdd(1, Tensor.ofInts(0, 1), Tensor.ones(2, 3)),
                "indexAdd: source of shape [2, 3] does not fit target [2, 3] and index [2] along"
                        + " axis 1; expected [2, 2]");
        assertRejected(() -> MATRIX.indexAdd(0, Tensor.ofInts(0), Tensor.ofInts(1, 2, 3)
                .reshape(1, 3)), "indexAdd: dtypes differ (target float64, source int32)");
    }

    /** Float32 gradients accumulate in float32 and match the float64 ones (exact here). */
    @Test
    void float32GradientsOfRepeatedReadsMatchFloat64() {
        Tensor index = Tensor.ofInts(new int[] {0, 0, 2, 1, 1, 1}, 2, 3);
        Tensor weights = Tensor.of(new double[][] {{0.5, 0.25, 2}, {1, 3, 4}});
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor w = weights.cast(dtype);
            Tensor grad = Autodiff.grad(t -> t.gather(1, index).mul(w).sum()
                    .add(t.indexSelect(0, Tensor.ofInts(1, 1)).mul(w).sum()), MATRIX.cast(dtype));
            assertEquals(dtype, grad.dtype());
            // gather: row 0 gets 0.5 + 0.25 at column 0 and 2 at column 2, row 1 gets 1 + 3 + 4
            // at column 1; indexSelect reads row 1 twice, adding w's column sums to it
            assertTensor(grad, dims(2, 3), 0.75, 0, 2, 1.5, 8 + 3.25, 6);
        }
    }

    @Test
    void indexingIntegerTensorsGivesUntracedIntegerResults() {
        Tensor labels = Tensor.ofLongs(new long[] {7, 8, 9, 10}, 2, 2);
        Tensor picked = labels.gather(1, Tensor.ofInts(new int[] {1, 0}, 2, 1));
        assertEquals(DType.INT64, picked.dtype());
        assertArrayEquals(new long[] {8, 9}, picked.toLongArray());
        Tensor added = Tensor.zeros(Shape.of(3), DType.INT32).indexAdd(0, Tensor.ofInts(2, 2),
                Tensor.ofInts(5, 6));
        assertArrayEquals(new int[] {0, 0, 11}, added.toIntArray());
        // inside a gradient, an integer result is a constant: never traced
        Autodiff.grad(t -> {
            assertFalse(labels.take(Tensor.ofInts(0)).isTraced());
            return t.sum();
        }, Tensor.of(1));
    }
}
