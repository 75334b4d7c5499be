package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmLayoutTest {

    private static final MatrixOp N = MatrixOp.IDENTITY;
    private static final MatrixOp T = MatrixOp.TRANSPOSE;

    @Test
    void denseLayoutsStoreOperandsRowMajorFromIndexZero() {
        GemmLayout layout = GemmLayout.batched(T, N, 3, 4, 5, 6);
        // A stored [k, m] = [6, 4], B [k, n] = [6, 5], C [m, n] = [4, 5]
        assertEquals(new GemmLayout(T, N, 3, 4, 5, 6, 0, 4, 24, 0, 5, 30, 0, 5, 20), layout);
        assertEquals(2L * 3 * 4 * 5 * 6, layout.flops());
    }

    @Test
    void aLeadingDimensionShorterThanTheStoredRowIsRefusedNamingTheOperand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmLayout.of(N, T, 4, 5, 6).withB(0, 5, 0));
        assertTrue(e.getMessage().contains("ldb 5 is shorter than a stored row of B"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GemmLayout.of(N, N, 4, 5, 6)
                .withA(0, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> GemmLayout.of(N, N, 4, 5, 6)
                .withC(0, 4, 0));
    }

    @Test
    void negativeSizesOffsetsAndStridesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GemmLayout.of(N, N, -1, 5, 6));
        assertThrows(IllegalArgumentException.class,
                () -> GemmLayout.of(N, N, 1, 5, 6).withA(-1, 6, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GemmLayout.of(N, N, 1, 5, 6).withB(0, 5, -5));
    }

    @Test
    void aBatchWritingEveryProductToTheSameCIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmLayout.batched(N, N, 2, 3, 3, 3).withC(0, 3, 0));
        assertTrue(e.getMessage().contains("C stride 0"), e.getMessage());
    }

    @Test
    void anArrayTooShortForTheLayoutIsRefusedBeforeAnythingIsWritten() {
        GemmLayout layout = GemmLayout.batched(N, T, 2, 3, 4, 5).withA(1, 5, 15);
        float[] c = new float[24];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> GemmEngine.fast().gemm(layout, new float[30], new float[40], c, 1));
        assertTrue(e.getMessage().startsWith("gemm: A needs index 30"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> GemmEngine.fast().gemm(layout, new float[31], new float[39], c, 1));
        assertThrows(IndexOutOfBoundsException.class,
                () -> GemmEngine.fast().gemm(layout, new double[31], new double[40],
                        new double[23], 1));
        for (float value : c) {
            assertEquals(0f, value);
        }
    }

    @Test
    void zeroThreadsAreRefused() {
        GemmLayout layout = GemmLayout.of(N, N, 1, 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> GemmEngine.plain().gemm(layout, new float[1], new float[1], new float[1],
                        0));
    }
}
