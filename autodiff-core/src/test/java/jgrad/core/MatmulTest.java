package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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

    /**
     * The product by the GEMM kernels against the same sums written as broadcast multiply and
     * reduce (no GEMM involved): batch axes that broadcast evenly ([3] against [1]) and unevenly
     * ([2, 1] against [1, 3]), both transpose flags, sizes across the vector width and the tiles.
     */
    @Property(tries = 60)
    void productMatchesBroadcastMultiplyAndSum(@ForAll @IntRange(min = 0, max = 40) int m,
            @ForAll @IntRange(min = 0, max = 40) int n, @ForAll @IntRange(min = 0, max = 40) int k,
            @ForAll @IntRange(min = 0, max = 3) int batchCase, @ForAll boolean transposeA,
            @ForAll boolean transposeB, @ForAll boolean float32, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] batches = {{}, {3}, {2, 1}, {1}};
        int[][] otherBatches = {{}, {1}, {1, 3}, {4}};
        Tensor a = Tensor.randn(withMatrix(batches[batchCase], transposeA ? k : m,
                transposeA ? m : k), random);
        Tensor b = Tensor.randn(withMatrix(otherBatches[batchCase], transposeB ? n : k,
                transposeB ? k : n), random);
        DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
        Tensor product = Tensor.apply(new MatMul(transposeA, transposeB), a.cast(dtype),
                b.cast(dtype));
        Tensor left = transposeA ? a.swapAxes(-1, -2) : a;
        Tensor right = transposeB ? b.swapAxes(-1, -2) : b;
        // sum_p left[..., i, p] right[..., p, j] as [..., m, k, 1] * [..., 1, k, n] summed on k.
        Tensor expected = left.unsqueeze(-1).mul(right.unsqueeze(-3)).sum(-2);
        assertEquals(expected.shape(), product.shape());
        double tolerance = float32 ? 1e-4 * Math.max(1, k) : 1e-12 * Math.max(1, k);
        assertTrue(product.cast(DType.FLOAT64).allClose(expected, tolerance, tolerance),
                () -> "m " + m + " n " + n + " k " + k + " batch case " + batchCase);
    }

    /** A product above the kernels' parallel threshold, split over threads, against the sums. */
    @Test
    void aLargeProductMatchesBroadcastMultiplyAndSum() {
        SplittableRandom random = new SplittableRandom(7);
        Tensor a = Tensor.randn(Shape.of(161, 203), random);
        Tensor b = Tensor.randn(Shape.of(203, 149), random);
        Tensor expected = a.unsqueeze(-1).mul(b.unsqueeze(0)).sum(1);
        assertTrue(a.matmul(b).allClose(expected, 1e-10, 1e-10));
        assertTrue(a.cast(DType.FLOAT32).matmul(b.cast(DType.FLOAT32)).cast(DType.FLOAT64)
                .allClose(expected, 1e-3, 1e-3));
    }

    private static Shape withMatrix(int[] batch, int rows, int columns) {
        int[] dims = java.util.Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = rows;
        dims[batch.length + 1] = columns;
        return Shape.of(dims);
    }
}
