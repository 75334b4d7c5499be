package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

/**
 * The indexing kernels ({@link Indexing}) and {@link Movement#concat} against plain reference
 * loops written from the definitions, for every storage type ({@code double[]}, {@code float[]},
 * {@code int[]}, {@code long[]}). Values are small whole numbers, exact in every type, so sums of
 * repeated indices compare exactly; sizes include 0 and 1.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class IndexingKernelsTest {

    private static final int KINDS = 4;

    @Property
    void indexSelectPicksRowsAsTheDefinitionSays(@ForAll @IntRange(min = 0, max = 4) int outer,
            @ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 0, max = 4) int inner,
            @ForAll @IntRange(min = 0, max = 7) int k, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] source = values(outer * n * inner, random);
        int[] index = random.ints(k, 0, n).toArray();
        double[] want = new double[outer * k * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < inner; j++) {
                    want[(o * k + i) * inner + j] = source[(o * n + index[i]) * inner + j];
                }
            }
        }
        for (int kind = 0; kind < KINDS; kind++) {
            Object got = Indexing.indexSelect(typed(source, kind), outer, n, inner, index);
            assertArrayEquals(want, doubles(got), "kind " + kind);
        }
    }

    @Property
    void indexAddAccumulatesRepeatedRows(@ForAll @IntRange(min = 0, max = 4) int outer,
            @ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 0, max = 4) int inner,
            @ForAll @IntRange(min = 0, max = 7) int k, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] target = values(outer * n * inner, random);
        double[] source = values(outer * k * inner, random);
        int[] index = random.ints(k, 0, n).toArray();
        double[] want = target.clone();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < inner; j++) {
                    want[(o * n + index[i]) * inner + j] += source[(o * k + i) * inner + j];
                }
            }
        }
        for (int kind = 0; kind < KINDS; kind++) {
            Object out = typed(target, kind);
            Indexing.indexAdd(out, outer, n, inner, index, typed(source, kind));
            assertArrayEquals(want, doubles(out), "kind " + kind);
        }
    }

    /**
     * {@code torch.gather} and {@code scatter_add} on rank-3 arrays, with the index no longer
     * than the array off the axis: the offsets from {@link Indexing#alongAxis} read and write
     * where the coordinate definition says.
     */
    @Property
    void gatherAndScatterAddFollowTheCoordinateDefinition(
            @ForAll @IntRange(min = 1, max = 4) int d0, @ForAll @IntRange(min = 1, max = 4) int d1,
            @ForAll @IntRange(min = 1, max = 4) int d2,
            @ForAll @IntRange(min = 0, max = 2) int axis,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] dims = {d0, d1, d2};
        int[] indexDims = new int[3];
        for (int d = 0; d < 3; d++) {
            indexDims[d] = d == axis ? random.nextInt(0, 6) : random.nextInt(0, dims[d] + 1);
        }
        int size = indexDims[0] * indexDims[1] * indexDims[2];
        int[] index = random.ints(size, 0, dims[axis]).toArray();
        double[] x = values(d0 * d1 * d2, random);
        double[] source = values(size, random);
        int[] strides = {d1 * d2, d2, 1};
        double[] gathered = new double[size];
        double[] scattered = x.clone();
        int p = 0;
        for (int i = 0; i < indexDims[0]; i++) {
            for (int j = 0; j < indexDims[1]; j++) {
                for (int l = 0; l < indexDims[2]; l++) {
                    int[] at = {i, j, l};
                    at[axis] = index[p];
                    int offset = at[0] * strides[0] + at[1] * strides[1] + at[2];
                    gathered[p] = x[offset];
                    scattered[offset] += source[p];
                    p++;
                }
            }
        }
        int[] offsets = Indexing.alongAxis(indexDims, strides, axis, index);
        for (int kind = 0; kind < KINDS; kind++) {
            assertArrayEquals(gathered, doubles(Movement.gather(typed(x, kind), offsets)),
                    "gather, kind " + kind);
            Object out = typed(x, kind);
            Indexing.scatterAdd(out, offsets, typed(source, kind));
            assertArrayEquals(scattered, doubles(out), "scatterAdd, kind " + kind);
        }
    }

    @Property
    void concatJoinsBlocksInOrder(@ForAll @IntRange(min = 0, max = 4) int outer,
            @ForAll @IntRange(min = 1, max = 4) int parts, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] blocks = random.ints(parts, 0, 6).toArray();
        double[][] sources = new double[parts][];
        int total = 0;
        for (int q = 0; q < parts; q++) {
            sources[q] = values(outer * blocks[q], random);
            total += blocks[q];
        }
        double[] want = new double[outer * total];
        int w = 0;
        for (int o = 0; o < outer; o++) {
            for (int q = 0; q < parts; q++) {
                for (int j = 0; j < blocks[q]; j++) {
                    want[w++] = sources[q][o * blocks[q] + j];
                }
            }
        }
        for (int kind = 0; kind < KINDS; kind++) {
            Object[] typedParts = new Object[parts];
            for (int q = 0; q < parts; q++) {
                typedParts[q] = typed(sources[q], kind);
            }
            Object out = typed(new double[outer * total], kind);
            Movement.concat(typedParts, blocks, outer, out);
            assertArrayEquals(want, doubles(out), "kind " + kind);
        }
    }

    /** Whole numbers in [-50, 50]: exact in float32 and the integer types, and their sums too. */
    private static double[] values(int n, SplittableRandom random) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(-50, 51);
        }
        return values;
    }

    /** {@code values} as a double[], float[], int[] or long[] for kind 0, 1, 2, 3. */
    private static Object typed(double[] values, int kind) {
        int n = values.length;
        switch (kind) {
            case 0:
                return values.clone();
            case 1: {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (float) values[i];
                }
                return out;
            }
            case 2: {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) values[i];
                }
                return out;
            }
            default: {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (long) values[i];
                }
                return out;
            }
        }
    }

    private static double[] doubles(Object data) {
        if (data instanceof double[]) {
            return (double[]) data;
        }
        if (data instanceof float[]) {
            float[] in = (float[]) data;
            double[] out = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i];
            }
            return out;
        }
        if (data instanceof int[]) {
            return Arrays.stream((int[]) data).asDoubleStream().toArray();
        }
        return Arrays.stream((long[]) data).asDoubleStream().toArray();
    }
}
