package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Matmul by NumPy's rules, and the transpose flags of the primitive against explicit copies. */
class MatmulTest {

    private static final Tensor A = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void oneDimensionalOperandsAreARowOrAColumnThatIsRemoved() {
        Tensor v = Tensor.of(1, 0, -1);
        assertEquals(Shape.of(2), A.matmul(v).shape());
        assertArrayEquals(new double[] {-2, -2}, A.matmul(v).toArray());
        assertArrayEquals(new double[] {9, 12, 15}, Tensor.of(1, 2).matmul(A).toArray());
        Tensor dot = v.matmul(Tensor.of(3, 4, 5));
        assertEquals(Shape.scalar(), dot.shape());
        assertEquals(-2.0, dot.item());
    }

    @Test
    void batchAxesBroadcast() {
        Tensor stack = Tensor.arange(24).reshape(2, 1, 3, 4);
        Tensor right = Tensor.arange(20).reshape(5, 4, 1);
        Tensor product = stack.matmul(right);
        assertEquals(Shape.of(2, 5, 3, 1), product.shape());
        // One entry by hand: stack[1, 0] row 2 is [20, 21, 22, 23]; right[3] is [12..15].
        double expected = 20 * 12 + 21 * 13 + 22 * 14 + 23 * 15;
        assertEquals(expected, product.get(1, 3, 2, 0));
    }

    @Test
    void transposeFlagsReadOperandsTransposedInPlace() {
        SplittableRandom random = new SplittableRandom(4);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor a = Tensor.randn(Shape.of(2, 5, 3), random).cast(dtype);
            Tensor b = Tensor.randn(Shape.of(4, 5), random).cast(dtype);
            Tensor flagged = Tensor.apply(new MatMul(true, true), a, b);
            Tensor explicit = a.permute(0, 2, 1).matmul(b.transpose());
            assertEquals(Shape.of(2, 3, 4), flagged.shape());
            assertTrue(flagged.allClose(explicit, 1e-6, 1e-6), dtype.toString());
        }
    }

    @Test
    void gradientsOfABatchedProductSumOverTheBroadcastBatch() {
        Tensor x = Tensor.arange(12).reshape(2, 2, 3);
        Tensor w = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        // d/dw[p, j] of sum(x . w) = the sum of x[b, i, p] over the batch and rows: 0+3+6+9 = 18...
        Tensor grad = Autodiff.grad(t -> x.matmul(t).sum(), w);
        assertArrayEquals(new double[] {18, 18, 22, 22, 26, 26}, grad.toArray());
    }
}
