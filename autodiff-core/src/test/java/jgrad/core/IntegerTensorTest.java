package jgrad.core;

import static jgrad.core.TensorTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * int32 and int64 tensors: typed storage that keeps every value exactly, the operations that have
 * integer kernels, explicit casts, and a clear refusal wherever a float operation or a gradient
 * is asked of them.
 */
class IntegerTensorTest {

    @Test
    void integerTensorsKeepTheirValuesAndDtype() {
        Tensor labels = Tensor.ofInts(new int[] {5, 3, 7, 4}, 2, 2);
        assertEquals(DType.INT32, labels.dtype());
        assertArrayEquals(new int[] {5, 3, 7, 4}, labels.toIntArray());
        assertEquals(7.0, labels.get(1, 0));
        long big = (1L << 53) + 1; // not a double: int64 keeps it exactly
        Tensor longs = Tensor.ofLongs(big, -2);
        assertArrayEquals(new long[] {big, -2}, longs.toLongArray());
        assertEquals("tensor([9007199254740993,               -2], dtype=int64)",
                longs.toString());
        assertEquals("tensor([[5, 3],\n        [7, 4]], shape=[2, 2], dtype=int32)",
                labels.toString());
        assertEquals("tensor(3, dtype=int32)", Tensor.scalar(3, DType.INT32).toString());
    }

    @Test
    void typedAccessorsRefuseOtherDtypes() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tensor.of(1, 2).toIntArray());
        assertEquals("toIntArray: tensor has dtype float64; cast(DType.INT32) first",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> Tensor.ofInts(1).toLongArray());
        assertThrows(IllegalStateException.class, () -> Tensor.ofInts(1).toFloatArray());
    }

    @Test
    void integerDtypesTakeOnlyWholeNumbersInRange() {
        assertRejected(() -> Tensor.of(new double[] {1.5}, Shape.of(1), DType.INT32),
                "of: 1.5 is not a whole number that int32 holds");
        assertRejected(() -> Tensor.full(3e9, Shape.of(1), DType.INT32), "full", "int32");
        assertEquals(3e9, Tensor.full(3e9, Shape.of(1), DType.INT64).item());
        assertRejected(() -> Tensor.scalar(Double.NaN, DType.INT64), "scalar", "NaN");
    }

    @Test
    void integerTensorsCompareExactlyWithScalarsThatAreNotWholeNumbers() {
        Tensor a = Tensor.ofInts(-2, -1, 0, 1, 2, 3);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, a.greater(1.5).toIntArray());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, a.greaterEqual(1.5).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0}, a.less(1.5).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0}, a.lessEqual(1.5).toIntArray());
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 0}, a.less(-0.5).toIntArray());
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1}, a.greater(-0.5).toIntArray());
        assertArrayEquals(new int[6], a.equal(1.5).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, a.notEqual(1.5).toIntArray());
        assertEquals(DType.INT32, a.greater(1.5).dtype());
        // Beyond the dtype's range, and NaN (which compares false, and differs from everything).
        assertArrayEquals(new int[6], a.greater(1e30).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, a.greaterEqual(-1e30).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, a.less(0x1p31).toIntArray());
        assertArrayEquals(new int[6], a.lessEqual(-0x1p31 - 1).toIntArray());
        assertArrayEquals(new int[6], a.less(Double.NaN).toIntArray());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, a.notEqual(Double.NaN).toIntArray());
        // int64: no rounding through float64 (which would make 2^53 + 1 equal to 2^53).
        Tensor big = Tensor.ofLongs((1L << 53) + 1, 1L << 53);
        assertArrayEquals(new long[] {1, 0}, big.greater(0x1p53).toLongArray());
        assertArrayEquals(new long[] {1, 1}, big.greater(-0.5).toLongArray());
        assertArrayEquals(new long[] {0, 0}, big.greater(0x1p63).toLongArray());
    }

    @Test
    void integerArithmeticComparisonsAndMovementWork() {
        Tensor a = Tensor.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.ofInts(10, 20, 30);
        assertArrayEquals(new int[] {11, 22, 33, 14, 25, 36}, a.add(row).toIntArray());
        assertArrayEquals(new int[] {-9, -18, -27, -6, -15, -24}, a.sub(row).toIntArray());
        assertArrayEquals(new int[] {2, 4, 6, 8, 10, 12}, a.mul(2).toIntArray());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, a.greater(3).toIntArray());
        assertArrayEquals(new int[] {5, 7, 9}, a.sum(0).toIntArray());
        assertArrayEquals(new int[] {3, 6}, a.max(1).toIntArray());
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, a.transpose().toIntArray());
        assertArrayEquals(new int[] {2, 5}, a.slice(1, 1, 2, 1).reshape(-1).toIntArray());
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3},
                Tensor.ofInts(1, 2, 3).broadcastTo(Shape.of(2, 3)).toIntArray());
        assertArrayEquals(new int[] {0, 2, 3},
                Tensor.where(Tensor.ofInts(0, 1, 1), Tensor.ofInts(1, 2, 3), Tensor.ofInts(0, 0, 0))
                        .toIntArray());
    }

    @Test
    void floatOperationsOnIntegersAskForACast() {
        Tensor labels = Tensor.ofInts(1, 2);
        assertRejected(labels::exp, "exp: not defined for dtype int32; cast to float32 or float64");
        assertRejected(() -> labels.div(2), "div: not defined for dtype int32");
        assertRejected(() -> labels.add(Tensor.of(1, 2)),
                "add: dtypes differ (int32 and float64); cast explicitly");
        assertRejected(() -> labels.add(0.5), "0.5 is not a whole number that int32 holds");
    }

    @Test
    void integerTensorsAreNeverDifferentiated() {
        assertRejected(() -> Autodiff.grad(t -> t.sum().cast(DType.FLOAT64),
                Tensor.ofInts(1, 2)), "autodiff: a tensor of dtype int32 cannot be differentiated");
        assertRejected(() -> Tensor.ofLongs(1).requiresGrad(), "requiresGrad", "int64");
        // A cast to an integer dtype inside f is piecewise constant: not traced, gradient 0.
        Tensor grad = Autodiff.grad(
                t -> t.cast(DType.INT32).cast(DType.FLOAT64).sum().add(t.sum()), Tensor.of(1.7, 2));
        assertArrayEquals(new double[] {1, 1}, grad.toArray());
    }

    @Test
    void castsTruncateTowardZeroAndRoundToNearest() {
        assertArrayEquals(new int[] {1, -1, 0, 2147483647},
                Tensor.of(1.9, -1.9, Double.NaN, 1e10).cast(DType.INT32).toIntArray());
        assertArrayEquals(new double[] {(float) 16777217L},
                Tensor.ofLongs(16777217L).cast(DType.FLOAT32).toArray());
        assertArrayEquals(new long[] {-3, 4}, Tensor.ofInts(-3, 4).cast(DType.INT64).toLongArray());
    }

    @Test
    void argmaxGivesInt32Indices() {
        Tensor indices = Tensor.of(new double[][] {{1, 3, 3}, {2, 2, 9}}).argmax(1);
        assertEquals(DType.INT32, indices.dtype());
        assertArrayEquals(new int[] {1, 2}, indices.toIntArray());
        assertFalse(indices.isTraced());
    }

    @Test
    void int32SumsThatOverflowAreRefusedNotWrapped() {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Tensor.ofInts(Integer.MAX_VALUE, 1).sum());
        assertEquals("sum: 2147483648 does not fit in int32; cast to int64 first", e.getMessage());
        assertEquals(2147483648.0, Tensor.ofInts(Integer.MAX_VALUE, 1).cast(DType.INT64).sum()
                .item());
    }
}
