package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

/** The tiled transpose agrees with the plain index gather, for every storage type. */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class MovementTest {

    @Property
    void tiledTransposeMatchesTheIndexGather(@ForAll @IntRange(min = 0, max = 3) int count,
            @ForAll @IntRange(min = 0, max = 70) int rows,
            @ForAll @IntRange(min = 0, max = 70) int columns) {
        int n = count * rows * columns;
        int[] index = new int[n];
        int k = 0;
        for (int c = 0; c < count; c++) {
            for (int j = 0; j < columns; j++) {
                for (int i = 0; i < rows; i++) {
                    index[k++] = c * rows * columns + i * columns + j;
                }
            }
        }
        double[] doubles = ElementwiseKernelsTest.values(n, 17);
        float[] floats = ElementwiseKernelsTest.toFloats(doubles);
        int[] ints = new int[n];
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
            ints[i] = i * 7;
            longs[i] = i * 7L << 33;
        }
        assertArrayEquals((double[]) Movement.gather(doubles, index),
                (double[]) Movement.transposeLastTwo(doubles, count, rows, columns));
        assertArrayEquals((float[]) Movement.gather(floats, index),
                (float[]) Movement.transposeLastTwo(floats, count, rows, columns));
        assertArrayEquals((int[]) Movement.gather(ints, index),
                (int[]) Movement.transposeLastTwo(ints, count, rows, columns));
        assertArrayEquals((long[]) Movement.gather(longs, index),
                (long[]) Movement.transposeLastTwo(longs, count, rows, columns));
    }
}
